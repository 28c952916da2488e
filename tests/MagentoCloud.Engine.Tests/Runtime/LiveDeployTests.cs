using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Tests.Infrastructure;

namespace MagentoCloud.Engine.Tests.Runtime;

/// <summary>Deploys of the shop on the local default end live and health-checked, with real nginx, PHP-FPM and MariaDB.</summary>
[Collection(TestServicesCollection.Name)]
public sealed class LiveDeployTests(TestServices services)
{
    private const string FailingIndex = "<?php http_response_code(500); echo 'boom: the store is broken';\n";

    [Fact]
    public async Task Deploy_serves_the_store_at_its_local_URL_with_its_routes_and_database()
    {
        await using var project = await LiveProject.CreateAsync(services);

        var activity = await project.DeployAsync();

        Assert.Equal(ActivityResult.Success, activity.Result);
        Assert.Contains("StartWebRuntime", activity.Steps.Select(s => s.Name));
        Assert.Contains("Health check passed on local", activity.Log);
        Assert.Contains("https routes are served over http", activity.Log);
        var home = LiveProject.Json((await project.GetAsync("/")).Body);
        Assert.Equal($"connected:{project.Database}", home.GetProperty("database").GetString());
        Assert.Equal([$"http://{project.HostName()}:{project.Port}/"], home.GetProperty("routes").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(project.LiveRelease(), home.GetProperty("release").GetString());
        // Its requests are in its access log, one object per line with the time it carries.
        var access = await project.Workspace.Deployments.GetLogsAsync("master", ["access"], null, 10, DateTimeOffset.Now.AddMinutes(-5), CancellationToken.None);
        Assert.Contains(access, l => l.Log == "access" && l.Host == "local" && l.Text.Contains("\"GET / HTTP/1.1\" 200") && l.Time is not null);
        // Another host name on the same port is not this store.
        Assert.Equal(421, (await Http.GetAsync(project.Port, "elsewhere.localhost", "/")).Status);
    }

    [Fact]
    public async Task The_store_reaches_its_own_redis_through_its_relationships_and_two_environments_never_share_one()
    {
        await using var project = await LiveProject.CreateAsync(services);
        var app = File.ReadAllText(Path.Combine(project.Root, ".magento.app.yaml"));
        var commit = project.Commit(new Dictionary<string, string>
        {
            [".magento.app.yaml"] = app.Replace("    database: \"mysql:mysql\"\n", "    database: \"mysql:mysql\"\n    redis: \"redis:redis\"\n", StringComparison.Ordinal),
            [".magento/services.yaml"] = File.ReadAllText(Path.Combine(project.Root, ".magento", "services.yaml")) + "redis:\n    type: redis:7.2\n",
        });
        Assert.Equal(ActivityResult.Success, (await project.DeployAsync(commit)).Result);
        await project.Workspace.Environments.BranchAsync("feature");
        Assert.Equal(ActivityResult.Success, (await project.DeployAsync(commit, "feature")).Result);

        // Each page wrote "owner" into database 1 of the Redis its PHP was given, and read back its own name.
        Assert.Equal("owner:master", LiveProject.Json((await project.GetAsync("/")).Body).GetProperty("redis").GetString());
        Assert.Equal("owner:feature", LiveProject.Json((await project.GetAsync("/", "feature")).Body).GetProperty("redis").GetString());
        Assert.Equal("owner:master", LiveProject.Json((await project.GetAsync("/")).Body).GetProperty("redis").GetString());
    }

    [Fact]
    public async Task A_failing_health_check_fails_the_deploy_naming_host_url_status_and_body_and_leaves_the_new_release_live()
    {
        await using var project = await LiveProject.CreateAsync(services);
        await project.DeployAsync();

        var activity = await project.DeployAsync(project.Commit(new Dictionary<string, string> { ["pub/index.php"] = FailingIndex }));

        Assert.Equal(ActivityResult.Failure, activity.Result);
        Assert.Contains(activity.Steps, s => s.Name == "CheckHealth" && s.Result == ActivityResult.Failure);
        Assert.Contains($"Health check failed on local: GET http://{project.HostName()}:{project.Port}/", activity.Log);
        Assert.Contains("status 500", activity.Log);
        Assert.Contains("boom: the store is broken", activity.Log);
        Assert.Contains("stays live", activity.Log);
        Assert.Equal(500, (await project.GetAsync("/")).Status);
    }

    [Fact]
    public async Task With_rollback_on_failure_a_failing_health_check_switches_back_to_the_previous_release()
    {
        await using var project = await LiveProject.CreateAsync(services, rollbackOnFailure: true);
        await project.DeployAsync();
        var good = project.LiveRelease();

        var activity = await project.DeployAsync(project.Commit(new Dictionary<string, string> { ["pub/index.php"] = FailingIndex }));

        Assert.Equal(ActivityResult.Failure, activity.Result);
        Assert.Contains("Rolled back", activity.Log);
        Assert.Equal(good, project.LiveRelease());
        var home = await project.GetAsync("/");
        Assert.Equal(200, home.Status);
        Assert.Equal(good, LiveProject.Json(home.Body).GetProperty("release").GetString());
        var releases = await project.Workspace.Deployments.GetReleasesAsync("master", CancellationToken.None);
        Assert.Equal(good, Assert.Single(releases).Id); // the failed release is gone
        Assert.Single(Directory.GetFiles(Path.Combine(project.EnvironmentRoot(), "run"), "php-fpm-*.conf"));
    }

    [Fact]
    public async Task The_topology_sets_the_health_checks_path_and_expected_status()
    {
        await using var project = await LiveProject.CreateAsync(services, healthCheck: "{path: /health_check.php?probe=1, status: 204, timeout: 5}");

        var activity = await project.DeployAsync();

        Assert.Equal(ActivityResult.Failure, activity.Result);
        Assert.Contains($"(via http://127.0.0.1:{project.Port}/health_check.php?probe=1) → status 200", activity.Log);
        Assert.Contains("/health_check.php?probe=1", activity.Log); // the shop's index.php echoes the URI it got
    }

    [Fact]
    public async Task A_failed_deploy_hook_leaves_the_old_release_serving()
    {
        await using var project = await LiveProject.CreateAsync(services);
        await project.DeployAsync();
        var good = project.LiveRelease();
        var app = File.ReadAllText(Path.Combine(project.Root, ".magento.app.yaml")) + "hooks:\n    deploy: exit 9\n";

        var activity = await project.DeployAsync(project.Commit(new Dictionary<string, string> { [".magento.app.yaml"] = app }));

        Assert.Equal(ActivityResult.Failure, activity.Result);
        var home = await project.GetAsync("/");
        Assert.Equal(200, home.Status);
        Assert.Equal(good, LiveProject.Json(home.Body).GetProperty("release").GetString());
        // The failed release's pool, started while its hook ran, is gone again: only the live release's runs.
        Assert.Contains("StartReleasePool", activity.Steps.Select(s => s.Name));
        var run = Path.Combine(project.EnvironmentRoot(), "run");
        Assert.Equal([$"php-fpm-{good}.conf"], Directory.GetFiles(run, "php-fpm-*.conf").Select(Path.GetFileName));
        var pools = Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Where(c => c.Contains(run, StringComparison.Ordinal) && c.Contains("php-fpm", StringComparison.Ordinal)).ToList();
        Assert.All(pools, c => Assert.Contains(good, c, StringComparison.Ordinal));
        Assert.NotEmpty(pools);
    }

    [Fact]
    public async Task A_variable_changed_since_the_last_deploy_reaches_PHP_with_the_next_one()
    {
        // The new release's pool starts before the switch, while runtime.env still holds the live release's values.
        await using var project = await LiveProject.CreateAsync(services);
        await project.Workspace.Variables.SetAsync("env:SHOP_SECRET", "first", "master", settings: new VariableSettings { Sensitive = true });
        await project.DeployAsync();
        await project.Workspace.Variables.SetAsync("env:SHOP_SECRET", "second", "master");

        Assert.Equal(ActivityResult.Success, (await project.DeployAsync()).Result);

        var home = LiveProject.Json((await project.GetAsync("/")).Body);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("second"u8)), home.GetProperty("secret_sha256").GetString());
    }

    [Fact]
    public async Task A_killed_PHP_FPM_comes_back_with_the_next_deploy()
    {
        await using var project = await LiveProject.CreateAsync(services);
        await project.DeployAsync();
        var run = Path.Combine(project.EnvironmentRoot(), "run");
        var pid = int.Parse(File.ReadAllText(Path.Combine(run, $"php-fpm-{project.LiveRelease()}.pid")).Trim());
        System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
        for (var i = 0; i < 100 && Directory.Exists($"/proc/{pid}/task"); i++) await Task.Delay(50);
        Assert.Equal(502, (await project.GetAsync("/")).Status);

        var down = await project.Workspace.Deployments.GetReleasesAsync("master", CancellationToken.None);
        Assert.False(down.Single(r => r.IsCurrent).Serving);

        var activity = await project.DeployAsync();

        Assert.Equal(ActivityResult.Success, activity.Result);
        Assert.Equal(200, (await project.GetAsync("/")).Status);
        var releases = await project.Workspace.Deployments.GetReleasesAsync("master", CancellationToken.None);
        Assert.True(releases.Single(r => r.IsCurrent).Serving);
        Assert.All(releases.Where(r => !r.IsCurrent), r => Assert.Null(r.Serving));
    }

    [Fact]
    public async Task Disable_stops_everything_it_started_and_Enable_starts_it_again()
    {
        // master cannot be deactivated: a child environment, alone on the project's nginx.
        await using var project = await LiveProject.CreateAsync(services);
        await project.Workspace.Environments.BranchAsync("feature");
        await project.DeployAsync(environment: "feature");
        Assert.Equal(200, (await project.GetAsync("/", "feature")).Status);
        var nginx = int.Parse(File.ReadAllText(Path.Combine(project.Root, ".magento", "local", "web", "nginx.pid")).Trim());
        var pool = int.Parse(File.ReadAllText(Path.Combine(project.EnvironmentRoot("feature"), "run", $"php-fpm-{project.LiveRelease("feature")}.pid")).Trim());

        await project.Workspace.Environments.DeactivateAsync("feature");

        await Processes.WaitGoneAsync(nginx);
        await Processes.WaitGoneAsync(pool);
        Assert.False(File.Exists(Path.Combine(project.Root, ".magento", "local", "web", "sites", "feature.conf")));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => project.GetAsync("/", "feature"));

        await project.Workspace.Environments.ActivateAsync("feature");
        Assert.Equal(200, (await project.GetAsync("/", "feature")).Status);
    }

}
