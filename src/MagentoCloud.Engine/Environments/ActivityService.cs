namespace MagentoCloud.Engine.Environments;

/// <summary>
/// Activities: the record of every push, branch, merge, sync, deploy. Lists and reads them, and
/// runs the life of one: Start marks its environments Dirty (refusing busy ones), Complete puts
/// them back and records the result. Deploys and the other services use the same two calls.
/// </summary>
public sealed class ActivityService(StateStore store)
{
    /// <summary>Activities, newest first, filtered; <paramref name="last"/> keeps only that many.</summary>
    public IReadOnlyList<CloudActivity> List(string? environment = null, string? type = null, ActivityState? state = null, int? last = null)
    {
        var typeMatches = NamePattern.Matcher(type);
        var environmentMatches = NamePattern.Matcher(environment);
        return store.Read(s =>
        {
            var found = new List<CloudActivity>();
            foreach (var activity in s.ReadActivities())
            {
                if (environment is not null && (activity.Environment is null || !environmentMatches(activity.Environment))) continue;
                if (!typeMatches(activity.Type)) continue;
                if (state is not null && activity.State != state) continue;
                found.Add(activity);
                if (last is not null && found.Count >= last) break;
            }
            return found;
        });
    }

    /// <summary>One activity by id.</summary>
    public CloudActivity Get(string id) => store.Read(s => s.FindActivity(id))
        ?? throw new CloudException(CloudErrorId.ActivityNotFound,
            $"There is no activity '{id}'. List recent ones with Get-CloudActivity.", id);

    /// <summary>
    /// Starts an activity: runs <paramref name="validate"/> on the state, marks <paramref name="dirty"/>
    /// environments Dirty, and records the activity InProgress, in one compare-and-swap update.
    /// </summary>
    public Task<CloudActivity> StartAsync(string type, string? environment, string description,
        IReadOnlyCollection<string> dirty, Action<CloudState>? validate, CancellationToken cancellationToken)
    {
        return store.UpdateAsync($"{type} {environment}: started", state =>
        {
            validate?.Invoke(state);
            var now = DateTimeOffset.Now;
            var activity = new CloudActivity
            {
                Id = ActivityId.New(now),
                Type = type,
                Environment = environment,
                State = ActivityState.InProgress,
                Description = description,
                CreatedAt = now,
                StartedAt = now,
                Environments = dirty.ToList(),
            };
            foreach (var name in dirty)
            {
                var record = state.Get(name);
                EnsureNotBusy(state, record);
                record.StatusBeforeDirty = record.Status;
                record.Status = EnvironmentStatus.Dirty;
                record.DirtyActivity = activity.Id;
            }
            state.SaveActivity(activity);
            return activity;
        }, cancellationToken);
    }

    /// <summary>
    /// Completes an activity: puts its environments back to their status before it, applies
    /// <paramref name="apply"/> (on success only), and records result, log and steps.
    /// </summary>
    public Task<CloudActivity> CompleteAsync(string id, ActivityResult result, IEnumerable<string> log,
        IEnumerable<CloudActivityStep>? steps, Action<CloudState>? apply, CancellationToken cancellationToken, bool cancelled = false)
    {
        var lines = log.ToList();
        var stepList = steps?.ToList();
        return store.UpdateAsync($"activity {id}: {result}", state =>
        {
            var activity = state.FindActivity(id)
                ?? throw new CloudException(CloudErrorId.ActivityNotFound, $"There is no activity '{id}'.", id);
            foreach (var name in activity.Environments)
            {
                if (state.Environments.TryGetValue(name, out var record) && record.DirtyActivity == id)
                {
                    record.Status = record.StatusBeforeDirty ?? EnvironmentStatus.Active;
                    record.StatusBeforeDirty = null;
                    record.DirtyActivity = null;
                }
            }
            if (result == ActivityResult.Success) apply?.Invoke(state);
            var now = DateTimeOffset.Now;
            activity.State = cancelled ? ActivityState.Cancelled : ActivityState.Complete;
            activity.Result = result;
            activity.CompletedAt = now;
            activity.Log += string.Concat(lines.Select(l => l + "\n"));
            if (stepList is not null) activity.Steps.AddRange(stepList);
            state.SaveActivity(activity);
            return activity;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs long work as an activity: InProgress (its environments Dirty) while it runs, then Complete
    /// with Success, or Failure with the error in its log, or Cancelled. Lines added to the log list
    /// land in the activity's log; they must never hold a secret.
    /// </summary>
    public async Task<(T Result, CloudActivity Activity)> RunAsync<T>(string type, string environment, string description,
        IReadOnlyCollection<string> dirty, Func<List<string>, Task<T>> work, CancellationToken cancellationToken)
    {
        var activity = await StartAsync(type, environment, description, dirty, null, cancellationToken).ConfigureAwait(false);
        var log = new List<string>();
        T result;
        try
        {
            result = await work(log).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            log.Add("Cancelled.");
            await CompleteAsync(activity.Id, ActivityResult.Failure, log, null, null, CancellationToken.None, cancelled: true).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.Add("Failed: " + e.Message);
            await CompleteAsync(activity.Id, ActivityResult.Failure, log, null, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        var done = await CompleteAsync(activity.Id, ActivityResult.Success, log, null, null, CancellationToken.None).ConfigureAwait(false);
        return (result, done);
    }

    /// <summary>Applies a state-only change and records it as a complete, successful activity, in one update.</summary>
    public Task<CloudActivity> RecordAsync(string type, string? environment, string description,
        Func<CloudState, IEnumerable<string>> change, CancellationToken cancellationToken)
    {
        return store.UpdateAsync($"{type} {environment}", state =>
        {
            var log = change(state).ToList();
            var now = DateTimeOffset.Now;
            var activity = new CloudActivity
            {
                Id = ActivityId.New(now),
                Type = type,
                Environment = environment,
                State = ActivityState.Complete,
                Result = ActivityResult.Success,
                Description = description,
                CreatedAt = now,
                StartedAt = now,
                CompletedAt = now,
                Log = string.Concat(log.Select(l => l + "\n")),
            };
            state.SaveActivity(activity);
            return activity;
        }, cancellationToken);
    }

    /// <summary>Refuses an environment that an activity is running on, or that is being deleted.</summary>
    internal static void EnsureNotBusy(CloudState state, EnvironmentRecord record)
    {
        if (record.Status == EnvironmentStatus.Dirty)
        {
            var running = record.DirtyActivity is null ? null : state.FindActivity(record.DirtyActivity);
            throw new CloudException(
                CloudErrorId.EnvironmentBusy,
                $"Environment '{record.Name}' is busy: activity {record.DirtyActivity} ({running?.Type ?? "unknown"}) is running on it. " +
                $"Wait for it to finish (Get-CloudActivity -Environment {record.Name}) and try again.",
                target: record.Name);
        }
        if (record.Status == EnvironmentStatus.Deleting)
        {
            throw new CloudException(CloudErrorId.EnvironmentBusy,
                $"Environment '{record.Name}' is being deleted.", target: record.Name);
        }
    }
}
