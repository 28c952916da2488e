using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MagentoCloud.Engine.Tests.Runtime;

/// <summary>The shop's Magento-shaped locations, served by real nginx and PHP-FPM, checked over HTTP.</summary>
public sealed class WebRuntimeTests
{
    [Fact]
    public async Task Magento_locations_behave_as_on_the_platform()
    {
        await using var site = new ShopSite();
        await site.DeployAsync("r1");

        var home = await site.GetAsync("/");
        Assert.Equal(200, home.Status);
        Assert.Equal("index.php", Json(home.Body).GetProperty("script").GetString());

        // Everything else reaches /index.php, with the original URI.
        var page = await site.GetAsync("/women/tops.html?p=2");
        Assert.Equal(200, page.Status);
        Assert.Equal("/women/tops.html?p=2", Json(page.Body).GetProperty("uri").GetString());

        // /static/versionN/... is served from pub/static, cached for a year, with the location's header.
        var css = await site.GetAsync("/static/version123/css/a.css");
        Assert.Equal(200, css.Status);
        Assert.Equal("body { color: #333; }\n", css.Body);
        Assert.Equal("text/css", css.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), css.Response.Headers.CacheControl?.MaxAge);
        Assert.Equal("yes", css.Response.Headers.GetValues("X-Static").Single());

        // /media from pub/media; what is not there goes to /get.php; PHP never runs there nor is served.
        Assert.Equal("image", (await site.GetAsync("/media/logo.png")).Body);
        var missing = await site.GetAsync("/media/catalog/product/cache/x.jpg");
        Assert.Equal("get.php", Json(missing.Body).GetProperty("script").GetString());
        var script = await site.GetAsync("/media/run.php");
        Assert.DoesNotContain("media php ran", script.Body);
        Assert.DoesNotContain("<?php", script.Body);

        // A rule's numbered capture in passthru.
        var sitemap = await site.GetAsync("/sitemap.xml");
        Assert.Equal(200, sitemap.Status);
        Assert.Contains("<urlset/>", sitemap.Body);

        // allow: false with no matching rule never serves a file; secrets are never readable.
        foreach (var path in new[] { "/app/etc/env.php", "/composer.json", "/.magento.app.yaml", "/.magento/runtime.env", "/../composer.json" })
        {
            var response = await site.GetAsync(path);
            Assert.DoesNotContain("never", response.Body);
            Assert.DoesNotContain("SHOP_SECRET", response.Body);
        }
        // -1: no caching headers on what "/" serves.
        Assert.Null(home.Response.Headers.CacheControl);
        Assert.False(home.Response.Content.Headers.Contains("Expires"));
    }

    [Fact]
    public async Task Secrets_are_never_served_even_from_a_root_that_holds_them()
    {
        // A location whose root is the application itself, allowing every file.
        await using var site = new ShopSite([new MagentoCloud.Engine.Project.WebLocation("/", "", null) { Allow = true, Scripts = false }]);
        await site.DeployAsync("r1");

        Assert.Equal(200, (await site.GetAsync("/pub/static/css/a.css")).Status);
        foreach (var path in new[] { "/app/etc/env.php", "/composer.json", "/.magento.app.yaml", "/.magento/runtime.env" })
        {
            var response = await site.GetAsync(path);
            Assert.Equal(404, response.Status);
            Assert.DoesNotContain("never", response.Body);
        }
    }

    [Fact]
    public async Task A_sensitive_variable_reaches_PHP_and_no_file_readable_by_others_nor_any_command_line()
    {
        const string secret = "pa55 'w0rd' \"with\" $SHELL and spaces";
        await using var site = new ShopSite();
        await site.DeployAsync("r1", secret);

        var body = Json((await site.GetAsync("/")).Body);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant(),
            body.GetProperty("secret_sha256").GetString());
        Assert.Equal("master", body.GetProperty("environment").GetString());

        foreach (var file in Directory.EnumerateFiles(site.Folder, "*", SearchOption.AllDirectories))
        {
            string text;
            try { text = File.ReadAllText(file); } catch (IOException) { continue; } // sockets
            if (!text.Contains(secret)) continue;
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & (UnixFileMode.OtherRead | UnixFileMode.GroupRead));
        }
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            string commandLine;
            try { commandLine = File.ReadAllText(Path.Combine(process, "cmdline")); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
            Assert.DoesNotContain("pa55", commandLine);
        }
    }

    [Fact]
    public async Task A_redirect_route_answers_with_its_code_and_keeps_the_path()
    {
        await using var site = new ShopSite(redirects:
        [
            new MagentoCloud.Engine.Runtime.WebRedirect("www.shop.localhost", "https://master.shop.localhost/", 302),
            new MagentoCloud.Engine.Runtime.WebRedirect("old.shop.localhost", "https://master.shop.localhost/", 301),
        ]);
        await site.DeployAsync("r1");

        var found = await site.GetAsync("/women/tops.html?p=2", "www.shop.localhost");
        Assert.Equal(302, found.Status);
        Assert.Equal("https://master.shop.localhost/women/tops.html?p=2", found.Response.Headers.Location?.ToString());
        Assert.Equal(301, (await site.GetAsync("/", "old.shop.localhost")).Status);
        Assert.Equal(200, (await site.GetAsync("/")).Status);
    }

    [Fact]
    public void Routes_resolve_default_and_all_and_keep_only_redirects_nginx_can_serve()
    {
        var routes = MagentoCloud.Engine.Runtime.EnvironmentRoutes.Resolve(
        [
            new("https://{default}/", "upstream", "shop:http", null, false, false),
            new("http://{default}/", "redirect", null, "https://{default}/", false, false),
            new("https://www.{all}/", "redirect", null, "https://{default}/", false, false) { Code = 302 },
        ], "shop.example.com", local: false);

        Assert.Equal(["shop.example.com"], routes.HostNames);
        Assert.Equal([new Uri("https://shop.example.com/")], routes.UpstreamUrls);
        var redirect = Assert.Single(routes.Redirects); // http→https on the same host would loop over plain http
        Assert.Equal(new MagentoCloud.Engine.Runtime.WebRedirect("www.shop.example.com", "https://shop.example.com/", 302), redirect);

        var local = MagentoCloud.Engine.Runtime.EnvironmentRoutes.Resolve(
            [new("https://{default}/", "upstream", "shop:http", null, false, false), new("http://{default}/", "redirect", null, "https://{default}/", false, false)],
            "master.p1.localhost:8080", local: true);
        Assert.True(local.HttpsServedOverHttp);
        Assert.Equal([new Uri("http://master.p1.localhost:8080/")], local.Resolved.Select(r => r.Url));
    }

    [Fact]
    public async Task Maintenance_flag_gives_503_from_index_php()
    {
        await using var site = new ShopSite();
        await site.DeployAsync("r1");
        File.WriteAllText(Path.Combine(site.Host.Root, "current", "var", ".maintenance.flag"), "");

        Assert.Equal(503, (await site.GetAsync("/")).Status);
        Assert.Equal(503, (await site.GetAsync("/checkout")).Status);
        Assert.Equal(503, (await site.GetAsync("/index.php")).Status);
        // Static files still come from the files themselves.
        Assert.Equal(200, (await site.GetAsync("/static/css/a.css")).Status);
    }

    [Fact]
    public async Task A_new_release_gets_a_new_pool_behind_the_same_socket_and_nginx_is_not_reloaded()
    {
        await using var site = new ShopSite();
        await site.DeployAsync("r1");
        Assert.Equal("r1", Json((await site.GetAsync("/")).Body).GetProperty("release").GetString());
        var nginxPid = int.Parse(File.ReadAllText(Path.Combine(site.Folder, "web", "nginx.pid")).Trim());
        var workers = Processes.Children(nginxPid);
        var oldPool = int.Parse(File.ReadAllText(Path.Combine(site.Host.Root, "run", "php-fpm-r1.pid")).Trim());
        var siteFile = Path.Combine(site.Folder, "web", "sites", "master.conf");
        var written = File.GetLastWriteTimeUtc(siteFile);

        var said = await site.DeployAsync("r2");

        Assert.Contains("nginx unchanged", said);
        Assert.Contains("PHP-FPM socket switched to release r2", said);
        Assert.Equal(workers, Processes.Children(nginxPid)); // no reload: the same workers serve
        Assert.Equal(written, File.GetLastWriteTimeUtc(siteFile));
        Assert.Equal("r2", Json((await site.GetAsync("/")).Body).GetProperty("release").GetString());
        var run = Path.Combine(site.Host.Root, "run");
        Assert.False(File.Exists(Path.Combine(run, "php-fpm-r1.conf")));
        await Processes.WaitGoneAsync(oldPool);
        Assert.True(await site.Runtime.IsRunningAsync(site.Host, CancellationToken.None));
    }

    [Fact]
    public async Task A_changed_site_is_tested_and_nginx_reloads()
    {
        await using var site = new ShopSite();
        await site.DeployAsync("r1");
        var changed = site.Runtime with { ServerNames = [ShopSite.HostName, "www.shop.localhost"] };

        var said = await changed.StartAsync(site.Host, "r1", CancellationToken.None);

        Assert.Contains("nginx reloaded", said);
        Assert.Contains("www.shop.localhost", File.ReadAllText(Path.Combine(site.Folder, "web", "sites", "master.conf")));
    }

    [Fact]
    public async Task The_socket_link_on_the_old_release_means_the_runtime_is_not_running()
    {
        await using var site = new ShopSite();
        await site.DeployAsync("r1");
        var link = site.Runtime.Pool(site.Host).Link;
        File.Delete(link);
        File.CreateSymbolicLink(link, "php-r0.sock");

        Assert.False(await site.Runtime.IsRunningAsync(site.Host, CancellationToken.None));
        await site.Runtime.StartAsync(site.Host, "r1", CancellationToken.None);
        Assert.Equal("php-r1.sock", new FileInfo(link).LinkTarget);
        Assert.Equal(200, (await site.GetAsync("/")).Status);
    }

    [Fact]
    public async Task Stop_stops_everything_it_started_and_a_start_brings_it_back()
    {
        await using var site = new ShopSite();
        await site.DeployAsync("r1");
        var nginxPid = int.Parse(File.ReadAllText(Path.Combine(site.Folder, "web", "nginx.pid")).Trim());
        var poolPid = int.Parse(File.ReadAllText(Path.Combine(site.Host.Root, "run", "php-fpm-r1.pid")).Trim());

        await site.Runtime.StopAsync(site.Host, CancellationToken.None);

        Assert.False(await site.Runtime.IsRunningAsync(site.Host, CancellationToken.None));
        await Processes.WaitGoneAsync(nginxPid);
        await Processes.WaitGoneAsync(poolPid);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => site.GetAsync("/"));

        await site.Runtime.StartAsync(site.Host, "r1", CancellationToken.None);
        Assert.Equal(200, (await site.GetAsync("/")).Status);
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_error_naming_the_port()
    {
        await using var site = new ShopSite();
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, site.Port);
        squatter.Start();

        var error = await Assert.ThrowsAsync<CloudException>(() => site.DeployAsync("r1"));

        Assert.Equal(CloudErrorId.PortInUse, error.Id);
        Assert.Contains($"port {site.Port}", error.Message);
    }

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;
}
