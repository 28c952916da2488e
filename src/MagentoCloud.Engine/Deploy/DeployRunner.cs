using System.Diagnostics;

namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// Runs a deploy's steps in order, timing and logging each; stops at the first failure, undoes what
/// ran (in reverse), then runs the steps that must run anyway (maintenance off, lock release).
/// </summary>
public static class DeployRunner
{
    public static async Task<DeployOutcome> RunAsync(IReadOnlyList<IDeployStep> steps, DeployContext context, CancellationToken cancellationToken)
    {
        var records = new List<DeployStepRecord>();
        var done = new List<IDeployStep>();
        IDeployStep? failed = null;
        Exception? error = null;
        var index = 0;
        for (; index < steps.Count; index++)
        {
            var step = steps[index];
            context.Observer.Progress(new OperationProgress($"Deploy {context.Environment}", step.Name, index * 100 / steps.Count));
            var record = await RunStepAsync(step, context, records, cancellationToken).ConfigureAwait(false);
            if (record.Error is not null)
            {
                failed = step;
                error = record.Error;
                break;
            }
            done.Add(step);
        }

        if (failed is not null)
        {
            // Undo must finish even when the deploy was cancelled: use no token.
            foreach (var step in done.Append(failed).Reverse())
            {
                try
                {
                    await step.UndoAsync(context, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    context.Write($"Undoing {step.Name} failed: {e.Message}");
                }
            }
            foreach (var step in steps.Skip(index + 1).Where(s => s.RunsAfterFailure(context)))
                await RunStepAsync(step, context, records, CancellationToken.None).ConfigureAwait(false);
        }
        context.Observer.Progress(new OperationProgress($"Deploy {context.Environment}", "Done", 100) { Completed = true });
        string? live = context.ReleaseLive ? context.ReleaseId : context.PreviousRelease.GetValueOrDefault(context.Hosts[0]);
        if (failed is not null && context.PreviousRelease.IsEmpty)
        {
            // Failed before the hosts were read (in the build, say): ask what is live, for the record.
            try { live = await context.Primary.CurrentReleaseAsync(CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) when (e is not OutOfMemoryException) { live = null; }
        }

        return new DeployOutcome
        {
            FailedStep = failed?.Name,
            Error = error,
            Release = context.ReleaseId.Length == 0 ? null : context.ReleaseId,
            NewReleaseLive = context.ReleaseLive,
            LiveRelease = live,
            Commit = context.Slug?.Commit,
            Slug = context.Slug,
            Steps = records,
            Log = context.Log,
            Summary = Summarize(context, failed, error),
        };
    }

    private static async Task<(string? Message, Exception? Error)> Run(IDeployStep step, DeployContext context, CancellationToken cancellationToken)
    {
        try
        {
            await step.RunAsync(context, cancellationToken).ConfigureAwait(false);
            return (null, null);
        }
        catch (OperationCanceledException e)
        {
            return ("cancelled", new CloudException(CloudErrorId.Cancelled, $"The deploy was cancelled during {step.Name}.", context.Environment, e));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (e.Message, e);
        }
    }

    private static async Task<(DeployStepRecord Record, Exception? Error)> RunStepCore(IDeployStep step, DeployContext context, CancellationToken cancellationToken)
    {
        var record = new DeployStepRecord { Name = step.Name, StartedAt = DateTimeOffset.Now };
        context.Write($"{step.Name}: started");
        var clock = Stopwatch.StartNew();
        var (message, error) = await Run(step, context, cancellationToken).ConfigureAwait(false);
        record.Duration = clock.Elapsed;
        record.Succeeded = error is null;
        record.Message ??= message;
        context.Write(error is null
            ? $"{step.Name}: done in {record.Duration.TotalMilliseconds:0} ms"
            : $"{step.Name}: FAILED after {record.Duration.TotalMilliseconds:0} ms: {message}");
        return (record, error);
    }

    private static async Task<StepRun> RunStepAsync(IDeployStep step, DeployContext context, List<DeployStepRecord> records, CancellationToken cancellationToken)
    {
        var (record, error) = await RunStepCore(step, context, cancellationToken).ConfigureAwait(false);
        records.Add(record);
        return new StepRun(record, error);
    }

    private static string Summarize(DeployContext context, IDeployStep? failed, Exception? error)
    {
        if (failed is null)
            return $"Deployed {context.Slug?.Commit?[..Math.Min(12, context.Slug.Commit.Length)]} to {context.Environment} as release {context.ReleaseId}.";
        if (context.ReleaseLive)
            return $"Deploy of {context.Environment} failed at {failed.Name}: {error?.Message} The new release {context.ReleaseId} stays live " +
                   "(it was switched before this step); fix the problem and redeploy, or go back with Undo-CloudDeploy.";
        if (context.PreviousRelease.IsEmpty)
            return $"Deploy of {context.Environment} failed at {failed.Name}: {error?.Message} Nothing on the hosts was changed; what was live stays live.";
        var previous = context.PreviousRelease.GetValueOrDefault(context.Hosts[0]);
        return $"Deploy of {context.Environment} failed at {failed.Name}: {error?.Message} " +
               (previous is null ? "Nothing was live before, and nothing is live now." : $"The previous release {previous} is still live.");
    }

    private readonly record struct StepRun(DeployStepRecord Record, Exception? Error);
}
