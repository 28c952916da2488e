using System.Text;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Tests.Deploy;

namespace MagentoCloud.Engine.Tests.Runtime;

/// <summary>The shop (no database) as a project whose environments run on the three SSH test hosts, each at its own URL.</summary>
public static class SshShop
{
    /// <summary>Writes the shop into <paramref name="root"/> with a topology giving each environment its URL and a root under <paramref name="run"/> on every host.</summary>
    public static async Task CreateAsync(string root, string run, IReadOnlyList<(string Environment, string Url)> environments,
        Func<string, string>? editApp = null)
    {
        foreach (var file in Directory.EnumerateFiles(ShopSite.AppFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(ShopSite.AppFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        // No database on the cluster: the shop says "none".
        var app = File.ReadAllText(Path.Combine(root, ".magento.app.yaml")).Replace("relationships:\n    database: \"mysql:mysql\"\n", "");
        File.WriteAllText(Path.Combine(root, ".magento.app.yaml"), editApp is null ? app : editApp(app));
        Directory.CreateDirectory(Path.Combine(root, ".magento"));
        File.WriteAllText(Path.Combine(root, ".magento", "routes.yaml"), LiveProject.Routes);
        var topology = new StringBuilder("environments:\n");
        foreach (var (environment, url) in environments)
        {
            topology.AppendLine($"  {environment}:").AppendLine($"    url: {url}").AppendLine("    hosts:");
            foreach (var h in SshCluster.Hosts) topology.AppendLine($"      - {SshCluster.Address(h)}");
            topology.AppendLine($"    root: {SshCluster.HostRootsParent}/{{host}}/{run}/{{environment}}")
                .AppendLine("    ssh:")
                .AppendLine($"      identity_file: {SshCluster.Key}")
                .AppendLine($"      known_hosts: {SshCluster.KnownHosts}");
        }
        File.WriteAllText(Path.Combine(root, ".magento", "topology.yaml"), topology.ToString());
        await new ProjectCreator().CreateAsync(root, "Cluster");
    }

    /// <summary>GET <paramref name="path"/> from one host's own address with the environment's Host header.</summary>
    public static async Task<(int Status, string Body)> GetAsync(string address, string domain, int port, string path = "/")
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{address}:{port}{path}");
        request.Headers.Host = $"{domain}:{port}";
        var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
