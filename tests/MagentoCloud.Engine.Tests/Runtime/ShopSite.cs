using System.Net;
using System.Net.Sockets;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Runtime;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Runtime;

/// <summary>
/// tests/apps/shop laid out as a deploy leaves it (releases/&lt;id&gt;, current, a mode-600
/// runtime.env) under a temporary environment root, served by a real nginx and PHP-FPM on loopback.
/// </summary>
public sealed class ShopSite : IAsyncDisposable
{
    public const string HostName = "master.shop.localhost";

    public ShopSite(IReadOnlyList<WebLocation>? locations = null, IReadOnlyList<WebRedirect>? redirects = null)
    {
        Folder = Directory.CreateTempSubdirectory("mc-web-").FullName;
        Host = new DeployHost(new LocalTransport(), Path.Combine(Folder, "env"));
        Port = FreePort();
        var app = ProjectFiles.Load(AppFolder).App;
        Runtime = new WebRuntime
        {
            Environment = "master",
            ServerNames = [HostName],
            Server = _ => new NginxServer(Path.Combine(Folder, "web")),
            Listen = _ => $"127.0.0.1:{Port}",
            Locations = locations ?? app.WebLocations,
            Redirects = redirects ?? [],
        };
    }

    public static string AppFolder
    {
        get
        {
            var folder = AppContext.BaseDirectory;
            while (!Directory.Exists(Path.Combine(folder, "tests", "apps", "shop"))) folder = Path.GetDirectoryName(folder)!;
            return Path.Combine(folder, "tests", "apps", "shop");
        }
    }

    public string Folder { get; }

    public DeployHost Host { get; }

    public int Port { get; }

    public WebRuntime Runtime { get; }

    /// <summary>Copies the shop into releases/<paramref name="release"/> with its runtime.env, points current at it, and starts the runtime.</summary>
    public async Task<IReadOnlyList<string>> DeployAsync(string release, string secret = "s3cret 'quoted' $HOME")
    {
        var target = Path.Combine(Host.Root, "releases", release);
        Copy(AppFolder, target);
        Directory.CreateDirectory(Path.Combine(target, "var"));
        File.WriteAllText(Path.Combine(target, "RELEASE"), release);
        await Host.WritePrivateFileAsync(DeployHost.RuntimeFile,
            $"export MAGENTO_CLOUD_ENVIRONMENT=master\nexport SHOP_SECRET={ShellQuote.Quote(secret)}\n", CancellationToken.None);
        await MagentoCloud.Engine.Deploy.Steps.SwitchCurrentRelease.PointAsync(Host, release, CancellationToken.None);
        return await Runtime.StartAsync(Host, release, CancellationToken.None);
    }

    public Task<(int Status, string Body, HttpResponseMessage Response)> GetAsync(string path, string host = HostName) => Http.GetAsync(Port, host, path);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("MC_KEEP") is null) try { await Runtime.StopAsync(Host, CancellationToken.None); } catch (CloudException) { }
        if (Environment.GetEnvironmentVariable("MC_KEEP") is null) try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
