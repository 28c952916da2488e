namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// One named step of a deploy. The runner, not the step, times it, logs it, and on a failure undoes
/// the steps that ran, in reverse.
/// </summary>
public interface IDeployStep
{
    /// <summary>The name shown in the activity (e.g. UploadRelease).</summary>
    string Name { get; }

    Task RunAsync(DeployContext context, CancellationToken cancellationToken);

    /// <summary>Takes back what this step did, after a later (or its own) failure. Must tolerate partial work.</summary>
    Task UndoAsync(DeployContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>True when the step must still run after an earlier step failed (releasing the lock, say).</summary>
    bool RunsAfterFailure(DeployContext context) => false;
}
