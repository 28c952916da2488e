using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// <c>health_check</c> of an environment in topology.yaml: the path requested on each upstream
/// route (default: the route's own), the status expected (default: anything but a 5xx), and how long
/// to wait for it.
/// </summary>
public sealed record HealthCheckSettings(string? Path, int? Status, TimeSpan Timeout)
{
    public static readonly HealthCheckSettings Default = new(null, null, TimeSpan.FromSeconds(10));

    internal static HealthCheckSettings From(YamlNode? node) => node is not YamlMappingNode
        ? Default
        : new HealthCheckSettings(
            node.Child("path").Text(),
            node.Child("status").Integer(),
            node.Child("timeout").Integer() is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : Default.Timeout);
}
