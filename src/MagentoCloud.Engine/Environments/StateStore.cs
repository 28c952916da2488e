using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Environments;

/// <summary>
/// Reads and updates the project's state in the project remote's <c>refs/meta/cloud</c>.
/// An update is compare-and-swap: read the state commit, apply the change, write a commit on top,
/// and move the ref only if it still points at the commit read. A lost race re-reads and re-applies
/// the change (so change functions must only depend on the state they are given), up to
/// <see cref="MaxAttempts"/> times, then fails with StateConflict. No update is ever overwritten.
/// </summary>
public sealed class StateStore(ProjectRemote remote)
{
    public ProjectRemote Remote { get; } = remote;

    /// <summary>How many times an update is tried before giving up with StateConflict.</summary>
    public int MaxAttempts { get; init; } = 100;

    /// <summary>How many lost races the last update in this instance went through (for diagnostics and tests).</summary>
    public int LastRetries { get; private set; }

    /// <summary>Reads the state once and hands it to <paramref name="read"/>.</summary>
    public T Read<T>(Func<CloudState, T> read)
    {
        using var tree = Remote.ReadState();
        return read(new CloudState(tree));
    }

    /// <summary>Applies <paramref name="change"/> compare-and-swap; a CloudException it throws aborts with nothing written.</summary>
    public async Task<T> UpdateAsync<T>(string message, Func<CloudState, T> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            T result;
            string? commit;
            Dictionary<string, string?> changes;
            using (var tree = Remote.ReadState())
            {
                var state = new CloudState(tree);
                commit = state.CommitId;
                result = change(state);
                changes = state.Changes();
            }
            if (changes.Count == 0 ||
                await Remote.TryWriteStateAsync(commit, changes, message, cancellationToken).ConfigureAwait(false))
            {
                LastRetries = attempt;
                return result;
            }
            // Lost the race: another writer moved the state. Back off a little, re-read, re-apply.
            await Task.Delay(System.Random.Shared.Next(1, 10 + 10 * Math.Min(attempt, 10)), cancellationToken).ConfigureAwait(false);
        }
        throw new CloudException(
            CloudErrorId.StateConflict,
            $"Could not update the project state after {MaxAttempts} attempts: other writers kept changing it. " +
            "Nothing was changed by this command; run it again.",
            target: ProjectRemote.StateRef);
    }

    public Task UpdateAsync(string message, Action<CloudState> change, CancellationToken cancellationToken) =>
        UpdateAsync<object?>(message, s => { change(s); return null; }, cancellationToken);
}
