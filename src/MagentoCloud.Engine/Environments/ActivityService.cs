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
                Runner = ProcessHolder.ForThisProcess(),
            };
            foreach (var name in dirty)
            {
                // Callers looked their environments up already (a removal may name one whose stored name breaks the rule).
                var record = state.GetForRepair(name);
                if (EnsureNotBusy(state, record) is { } freed) activity.Log += freed + "\n";
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
        IEnumerable<CloudActivityStep>? steps, Action<CloudState>? apply, CancellationToken cancellationToken, bool cancelled = false,
        CloudErrorId? errorId = null)
    {
        var lines = log.ToList();
        var stepList = steps?.ToList();
        return store.UpdateAsync($"activity {id}: {result}", state =>
        {
            var activity = state.FindActivity(id)
                ?? throw new CloudException(CloudErrorId.ActivityNotFound, $"There is no activity '{id}'.", id);
            FreeEnvironments(state, activity);
            if (result == ActivityResult.Success) apply?.Invoke(state);
            var now = DateTimeOffset.Now;
            activity.State = cancelled ? ActivityState.Cancelled : ActivityState.Complete;
            activity.Result = result;
            activity.CompletedAt = now;
            activity.Log += string.Concat(lines.Select(l => l + "\n"));
            activity.Runner = null;
            activity.ErrorId = errorId?.ToString();
            if (stepList is not null) activity.Steps.AddRange(stepList);
            state.SaveActivity(activity);
            return activity;
        }, cancellationToken);
    }

    /// <summary>
    /// Stop-CloudActivity: ends an activity whose process will never finish it (killed, or its machine
    /// went down), Cancelled, and frees its environments. Refused while its process still runs here.
    /// </summary>
    public Task<CloudActivity> StopAsync(string id, CancellationToken cancellationToken) =>
        store.UpdateAsync($"activity {id}: stopped", state =>
        {
            var activity = state.FindActivity(id)
                ?? throw new CloudException(CloudErrorId.ActivityNotFound, $"There is no activity '{id}'. List recent ones with Get-CloudActivity.", id);
            if (activity.State != ActivityState.InProgress)
                throw new CloudException(CloudErrorId.ActivityNotRunning,
                    $"Activity {id} is not running (it is {activity.State}): there is nothing to stop.", id);
            var here = ProcessHolder.ThisMachine();
            if (activity.Runner is { } runner && runner.IsOnMachine(here) && !runner.IsStale(here))
                throw new CloudException(CloudErrorId.ActivityStillRunning,
                    $"Activity {id} is still running here: process {runner.Pid} of {runner.Holder}. Cancel it with Ctrl+C in its console, " +
                    "or end that process; its environments are freed when it stops.", id);
            var (host, _) = here;
            var how = activity.Runner is { } r && !r.IsOnMachine(here)
                ? $"its process {r.Pid} on {r.Host} could not be checked from here"
                : "its process had ended";
            Abandon(state, activity, $"Stopped by {Environment.UserName}@{host} ({how}); its environments were freed.");
            return activity;
        }, cancellationToken);

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

    /// <summary>
    /// Refuses an environment that an activity is running on, or that is being deleted. An activity
    /// whose process ended on this machine without finishing it (killed outright) no longer holds its
    /// environments: it is ended as abandoned, and the line that says so is returned.
    /// </summary>
    internal static string? EnsureNotBusy(CloudState state, EnvironmentRecord record)
    {
        string? freed = null;
        if (record.Status == EnvironmentStatus.Dirty)
        {
            var running = record.DirtyActivity is null ? null : state.FindActivity(record.DirtyActivity);
            if (running?.Runner is { } runner && runner.IsStale(ProcessHolder.ThisMachine()))
            {
                freed = $"Freed {record.Name} from activity {running.Id} ({running.Type}): its process {runner.Pid} of {runner.Holder}, " +
                        $"started {runner.Since:yyyy-MM-dd HH:mm:ss zzz}, ended without finishing it.";
                Abandon(state, running, "Abandoned: " + freed);
            }
            else
            {
                var where = running?.Runner is { } r ? $" by {r.Holder} (process {r.Pid}) since {r.Since:yyyy-MM-dd HH:mm:ss zzz}" : "";
                throw new CloudException(
                    CloudErrorId.EnvironmentBusy,
                    $"Environment '{record.Name}' is busy: activity {record.DirtyActivity} ({running?.Type ?? "unknown"}) is running on it{where}. " +
                    $"Wait for it to finish (Get-CloudActivity -Id {record.DirtyActivity}) and try again; if its process is gone for good " +
                    $"(its machine went down), Stop-CloudActivity -Id {record.DirtyActivity} frees the environment.",
                    target: record.Name);
            }
        }
        if (record.Status == EnvironmentStatus.Deleting)
        {
            throw new CloudException(CloudErrorId.EnvironmentBusy,
                $"Environment '{record.Name}' is being deleted.", target: record.Name);
        }
        return freed;
    }

    /// <summary>Ends an activity that its process never finished: Cancelled, a last log line, its environments freed.</summary>
    private static void Abandon(CloudState state, CloudActivity activity, string line)
    {
        FreeEnvironments(state, activity);
        activity.State = ActivityState.Cancelled;
        activity.Result = ActivityResult.Failure;
        activity.CompletedAt = DateTimeOffset.Now;
        activity.Log += line + "\n";
        activity.Runner = null;
        state.SaveActivity(activity);
    }

    /// <summary>Puts the environments an activity made Dirty back to their status before it.</summary>
    private static void FreeEnvironments(CloudState state, CloudActivity activity)
    {
        foreach (var name in activity.Environments)
        {
            if (state.Environments.TryGetValue(name, out var record) && record.DirtyActivity == activity.Id)
            {
                record.Status = record.StatusBeforeDirty ?? EnvironmentStatus.Active;
                record.StatusBeforeDirty = null;
                record.DirtyActivity = null;
            }
        }
    }
}
