namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// The content of an environment's <c>deploy.lock</c> (on the environment's first host): who
/// deploys, from which process on which machine, since when, for which activity.
/// </summary>
public sealed class DeployLock : ProcessHolder
{
    public string? Activity { get; set; }

    /// <summary>This process, now.</summary>
    public static DeployLock ForThisProcess(string? activity)
    {
        var held = Fill(new DeployLock());
        held.Activity = activity;
        return held;
    }
}
