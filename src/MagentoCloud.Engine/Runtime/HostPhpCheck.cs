using System.Text.RegularExpressions;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// Test-CloudProject -IncludeHosts: connects to every SSH host of the project's environments (each once)
/// and reports, as warnings on <c>.magento.app.yaml</c>'s type line, a host whose PHP is not the version
/// <c>type: php:X.Y</c> asks for or lacks one of <c>runtime.extensions</c>, and a host that does not answer.
/// Nothing on a host is changed.
/// </summary>
public static partial class HostPhpCheck
{
    public static async Task<IReadOnlyList<CloudFinding>> CheckAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var app = workspace.Files.App;
        if (app.WebLocations.Count == 0) return [];
        var appFile = Path.Combine(workspace.Root, AppConfig.File);
        var lines = File.Exists(appFile) ? File.ReadAllLines(appFile) : [];
        var line = Array.FindIndex(lines, l => TypeLine().IsMatch(l)) + 1;
        var asked = app.Type is { } type && type.StartsWith("php:", StringComparison.Ordinal) ? type[4..] : null;
        List<(SshHost Host, SshSettings Ssh)> hosts;
        try
        {
            hosts = workspace.Environments.List()
                .Select(e => workspace.TopologyFor(e.Name, e.Type)).Where(t => !t.IsLocal)
                .SelectMany(t => t.Hosts.Select(h => (Host: h, t.Ssh)))
                .DistinctBy(h => h.Host.ToString()).ToList();
        }
        catch (CloudException)
        {
            return []; // a broken topology is already a finding of its own
        }
        var findings = await Task.WhenAll(hosts.Select(async h =>
        {
            try
            {
                var php = await HostPhp.ProbeAsync(HostConnections.Connect(h.Host, h.Ssh), asked, app.RuntimeExtensions, cancellationToken).ConfigureAwait(false);
                if (php.Program is null)
                    return new CloudFinding(FindingSeverity.Warning, "HostPhpMissing", AppConfig.File, line, 1,
                        $"{php.Host} has no php-fpm: it cannot serve the application.", "Install it there: apt-get install php-fpm php-mysql.");
                return php.Warning() is { } warning
                    ? new CloudFinding(FindingSeverity.Warning, php.VersionDiffers ? "HostPhpVersion" : "HostPhpExtension", AppConfig.File, line, 1, warning)
                    : null;
            }
            catch (CloudException e) when (e.Id is CloudErrorId.HostUnreachable or CloudErrorId.TransportFailed or CloudErrorId.HostKeyUnknown or CloudErrorId.HostKeyChanged)
            {
                return new CloudFinding(FindingSeverity.Warning, "HostUnreachable", ".magento/topology.yaml", 0, 0,
                    $"{h.Host}: its PHP was not checked: {e.Message}");
            }
        })).ConfigureAwait(false);
        return findings.OfType<CloudFinding>().ToList();
    }

    [GeneratedRegex(@"^type\s*:")]
    private static partial Regex TypeLine();
}
