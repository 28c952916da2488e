using System.Security.Cryptography;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Before any mount is linked to the topology's shared storage: a marker written through the first host must be
/// read back through every other one, or the deploy stops naming the host that does not see it (a folder that is
/// only local on each host would split uploads between hosts without anyone noticing).
/// </summary>
public sealed class ProveSharedStorage : IDeployStep
{
    public string Name => nameof(ProveSharedStorage);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.SharedStorage is not { } storage)
        {
            context.Write(context.Hosts.Count > 1 ? "No shared storage in the topology: every mount is per host." : "One host: nothing to share.");
            return;
        }
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var marker = $".magento-shared-{token}";
        var writer = context.Primary;
        var path = storage.Paths[writer];
        await writer.RunCheckedAsync($"Writing a marker into the shared storage {path}",
            $"mkdir -p {ShellQuote.Quote(path)} && printf %s {token} > {ShellQuote.Quote($"{path}/{marker}")}", cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var seen = await Task.WhenAll(context.Hosts.Skip(1).Select(async host =>
            {
                var result = await host.RunAsync($"cat {ShellQuote.Quote($"{storage.Paths[host]}/{marker}")} 2>/dev/null", cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                return (Host: host, Seen: result.ExitCode == 0 && result.Output.Trim() == token);
            })).ConfigureAwait(false);
            if (seen.FirstOrDefault(s => !s.Seen).Host is { } blind)
                throw new CloudException(CloudErrorId.SharedStorageMissing,
                    $"{storage.Paths[blind]} on {blind.Name} is not the storage {writer.Name} writes to: a marker written through {writer.Name} " +
                    $"into {path} is not there through {blind.Name}. Mount the shared storage (NFS, GlusterFS) at that folder on every host, " +
                    "or mark the mounts that may stay per host (shared: mounts: [...]) in .magento/topology.yaml. Nothing was linked; what was live stays live.",
                    blind.Name);
            context.Write($"Shared storage {path} proven: {string.Join(", ", context.Hosts.Select(h => h.Name))} see the same files.");
        }
        finally
        {
            await writer.RunAsync($"rm -f {ShellQuote.Quote($"{path}/{marker}")}", cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
    }
}
