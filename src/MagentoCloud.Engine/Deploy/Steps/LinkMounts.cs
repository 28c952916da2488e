using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Replaces each mount's folder in the new release by a link to <c>shared/&lt;source&gt;</c>, so
/// writable data survives deploys. Links are relative: the environment root may move.
/// </summary>
public sealed class LinkMounts : IDeployStep
{
    public string Name => nameof(LinkMounts);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        var mounts = context.App?.Mounts ?? [];
        if (mounts.Count == 0)
        {
            context.Write("No mounts in .magento.app.yaml.");
            return;
        }
        // The deploy validated the project files already; this step removes folders, so it checks again.
        foreach (var (path, source) in mounts)
            if ((MountPath.Problem(path) ?? MountPath.Problem(source)) is { } why)
                throw new CloudException(CloudErrorId.ProjectInvalid,
                    $"The mount '{path}' → shared/{source} of .magento.app.yaml is refused because {why}. Nothing was linked.", path);
        var release = DeployHost.Release(context.ReleaseId);
        var script = string.Join(" && ", mounts.Select(m =>
        {
            var depth = m.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Length + 1; // + releases/<id>
            var target = string.Concat(Enumerable.Repeat("../", depth)) + $"{DeployHost.SharedFolder}/{m.SourcePath}";
            var link = ShellQuote.Quote($"{release}/{m.Path}");
            return $"mkdir -p {ShellQuote.Quote($"{DeployHost.SharedFolder}/{m.SourcePath}")} && rm -rf {link} && " +
                   $"mkdir -p \"$(dirname {link})\" && ln -s {ShellQuote.Quote(target)} {link}";
        }));
        await Task.WhenAll(context.Hosts.Select(host =>
            host.RunCheckedAsync("Linking the mounts", script, cancellationToken: cancellationToken))).ConfigureAwait(false);
        context.Write($"Mounts linked: {string.Join(", ", mounts.Select(m => $"{m.Path} → shared/{m.SourcePath}"))}.");
    }
}
