using System.Text;
using System.Text.Json;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Takes the environment's <c>deploy.lock</c> on its first host, atomically (hard link of a fresh file:
/// fails if the lock exists). A second deploy is refused with who holds it, on which host the lock
/// is, and since when. A lock whose process died on this machine is recovered, and the log says so:
/// first the dead deploy's hook (it outlives its parent) is ended and its maintenance turned off on
/// every host. A holder on another machine is never judged from here (its pid means nothing on this one).
/// </summary>
public sealed class TakeEnvironmentLock : IDeployStep
{
    private const int Held = 3;

    public string Name => nameof(TakeEnvironmentLock);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        var host = context.Primary;
        await host.CreateRootAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var mine = DeployLock.ForThisProcess(context.ActivityId);
            var taken = await TryTakeAsync(host, mine, cancellationToken).ConfigureAwait(false);
            if (taken is not { } existing)
            {
                context.LockTaken = true;
                context.Write($"Lock {host.Root}/{DeployHost.LockFile} taken on {host.Name} by {mine.Holder} (process {mine.Pid}).");
                break;
            }
            if (attempt == 0 && existing.Lock is { } held && held.IsStale(DeployLock.ThisMachine())
                && await RecoverStaleAsync(context, existing.Text, cancellationToken).ConfigureAwait(false))
            {
                context.Write($"Recovered a stale lock: {held.Holder} (process {held.Pid}) took it at {held.Since:u}" +
                              $"{(held.Activity is null ? "" : $" for activity {held.Activity}")} on {held.Host}, this machine, and that process no longer runs.");
                continue;
            }
            var who = existing.Lock is { } l
                ? $"{l.Holder} (process {l.Pid} on {l.Host}) since {l.Since:yyyy-MM-dd HH:mm:ss zzz}{(l.Activity is null ? "" : $", activity {l.Activity}")}"
                : "an unreadable lock";
            var elsewhere = existing.Lock is { } o && !o.IsOnMachine(DeployLock.ThisMachine())
                ? $"That deploy runs on {o.Host}, not here, so this machine cannot tell whether it still runs: if process {o.Pid} is gone on {o.Host}, "
                : "If that process is gone, ";
            throw new CloudException(CloudErrorId.DeployLocked,
                $"Environment '{context.Environment}' is already being deployed: {host.Root}/{DeployHost.LockFile} on {host.Name} is held by {who}. " +
                "Wait for that deploy to finish (Get-CloudActivity) and try again. " +
                elsewhere + $"remove {host.Root}/{DeployHost.LockFile} on {host.Name} by hand.",
                context.Environment);
        }
        // What each host serves and lists now, read once under the lock: nobody else changes it until we release it.
        await Task.WhenAll(context.Hosts.Select(async each =>
        {
            context.PreviousRelease[each] = await each.CurrentReleaseAsync(cancellationToken).ConfigureAwait(false);
            context.ReleasesBefore[each] = await each.ReadReleasesAsync(cancellationToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
    }

    public bool RunsAfterFailure(DeployContext context) => false;

    /// <summary>Null when taken; else the lock that is there.</summary>
    private static async Task<(DeployLock? Lock, string Text)?> TryTakeAsync(DeployHost host, DeployLock mine, CancellationToken cancellationToken)
    {
        using var input = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(mine));
        var lockFile = DeployHost.LockFile;
        var result = await host.RunAsync(
            $"t={lockFile}.new.$$ && cat > \"$t\" && if ln \"$t\" {lockFile} 2>/dev/null; then rm -f \"$t\"; else rm -f \"$t\"; cat {lockFile}; exit {Held}; fi",
            input, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == 0) return null;
        if (result.ExitCode != Held)
            throw new CloudException(CloudErrorId.DeployFailed,
                $"Could not take the deploy lock on {host.Name} (exit code {result.ExitCode}{DeployHost.LastLine(result.Error)}). " +
                $"Check that {host.Root} is writable there.", host.Name);
        try
        {
            return (JsonSerializer.Deserialize<DeployLock>(result.Output), result.Output);
        }
        catch (JsonException)
        {
            return (null, result.Output);
        }
    }

    /// <summary>
    /// Recovers a stale lock only if it is still the one judged stale, under a short mutex (mkdir is
    /// atomic), so two deploys recovering at once cannot both recover it, nor touch a fresh one: first
    /// the dead deploy's hook (it outlives its parent) and maintenance are ended on every host, then the
    /// lock is removed.
    /// </summary>
    private static async Task<bool> RecoverStaleAsync(DeployContext context, string staleText, CancellationToken cancellationToken)
    {
        var host = context.Primary;
        var lockFile = DeployHost.LockFile;
        var mutex = $"{lockFile}.recover";
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(staleText));
        var claimed = await host.RunAsync(
            // A mutex left by a recovery whose process died is taken over after 5 minutes.
            $"mkdir {mutex} 2>/dev/null || {{ [ -n \"$(find {mutex} -maxdepth 0 -mmin +5 2>/dev/null)\" ] && rmdir {mutex} && mkdir {mutex}; }} || exit 4; " +
            $"s={lockFile}.stale.$$; cat > \"$s\"; " +
            $"if [ \"$(cat \"$s\")\" = \"$(cat {lockFile} 2>/dev/null)\" ]; then r=0; else r=5; rmdir {mutex}; fi; rm -f \"$s\"; exit $r",
            input, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (claimed.ExitCode != 0) return false;
        var recovered = false;
        try
        {
            await AbandonedDeploy.EndAsync(context, cancellationToken).ConfigureAwait(false);
            recovered = true;
        }
        finally
        {
            await host.RunAsync(recovered ? $"rm -f {lockFile}; rmdir {mutex}" : $"rmdir {mutex}", cancellationToken: CancellationToken.None)
                .ConfigureAwait(false);
        }
        return true;
    }
}
