using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// After the deploy hook (which runs on the first host only): <c>app/etc</c> and <c>pub/static</c> of the new release,
/// where they are not on the shared storage, are copied from the first host to every other one before the switch,
/// so every host serves the env.php and the static content the hook wrote.
/// </summary>
public sealed class CopyHookOutput : IDeployStep
{
    /// <summary>The folders ece-tools' deploy hook writes that every host must serve alike.</summary>
    public static readonly IReadOnlyList<string> Folders = ["app/etc", "pub/static"];

    public string Name => nameof(CopyHookOutput);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.Hosts.Count < 2 || context.App?.DeployHook is null)
        {
            context.Write(context.Hosts.Count < 2 ? "One host: nothing to copy." : "No deploy hook: nothing to copy.");
            return;
        }
        var release = DeployHost.Release(context.ReleaseId);
        foreach (var folder in Folders)
        {
            if (context.SharedStorage?.IsShared(folder) == true && context.App.Mounts.Any(m => m.Path.Trim('/') == folder))
            {
                context.Write($"{folder} is on the shared storage: every host sees the hook's files already.");
                continue;
            }
            var path = ShellQuote.Quote($"{release}/{folder}");
            var archive = Path.Combine(Path.GetTempPath(), $"mc-hook-{Guid.NewGuid():N}.tar");
            try
            {
                await using (var output = File.Create(archive))
                {
                    var result = await context.Primary.Transport.RunAsync(new CommandRequest
                    {
                        Script = $"cd {ShellQuote.Quote(context.Primary.Root)} && if [ -d {path} ]; then tar -C {path} -cf - .; fi",
                        StandardOutput = output,
                    }, cancellationToken).ConfigureAwait(false);
                    result.EnsureSuccess($"Archiving {folder} of release {context.ReleaseId} on {context.Primary.Name}", context.Primary.Name);
                }
                if (new FileInfo(archive).Length == 0)
                {
                    context.Write($"No {folder} in the release on {context.Primary.Name}: nothing to copy.");
                    continue;
                }
                await Task.WhenAll(context.Hosts.Skip(1).Select(async host =>
                {
                    await using var input = File.OpenRead(archive);
                    await host.RunCheckedAsync($"Copying {folder} from {context.Primary.Name}", $"mkdir -p {path} && tar -C {path} -xf -", input,
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                })).ConfigureAwait(false);
                context.Write($"{folder} as the deploy hook left it on {context.Primary.Name} copied to {string.Join(", ", context.Hosts.Skip(1).Select(h => h.Name))} " +
                              $"({new FileInfo(archive).Length / 1024.0:N0} KB).");
            }
            finally
            {
                File.Delete(archive);
            }
        }
    }
}
