using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Replaces each mount's folder in the new release by a link to <c>shared/&lt;source&gt;</c> (or to the topology's shared storage), so
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
        string Script(DeployHost host) => string.Join(" && ", mounts.Select(m =>
        {
            var depth = m.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Length + 1; // + releases/<id>
            // On shared storage (proven by ProveSharedStorage) the link is absolute: the storage is not under the root.
            var folder = context.SharedStorage is { } shared && shared.IsShared(m.Path)
                ? $"{shared.Paths[host]}/{m.SourcePath}" : $"{DeployHost.SharedFolder}/{m.SourcePath}";
            var target = folder.StartsWith('/') ? folder : string.Concat(Enumerable.Repeat("../", depth)) + folder;
            var link = ShellQuote.Quote($"{release}/{m.Path}");
            return $"mkdir -p {ShellQuote.Quote(folder)} && rm -rf {link} && " +
                   $"mkdir -p \"$(dirname {link})\" && ln -s {ShellQuote.Quote(target)} {link}";
        }));
        await Task.WhenAll(context.Hosts.Select(host =>
            host.RunCheckedAsync("Linking the mounts", Script(host), cancellationToken: cancellationToken))).ConfigureAwait(false);
        context.Write($"Mounts linked: {string.Join(", ", mounts.Select(m => context.SharedStorage is { } s && s.IsShared(m.Path)
            ? $"{m.Path} → {s.Paths[context.Primary]}/{m.SourcePath} (shared)" : $"{m.Path} → shared/{m.SourcePath}"))}.");
    }
}
