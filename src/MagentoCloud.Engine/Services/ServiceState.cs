namespace MagentoCloud.Engine.Services;

/// <summary>The state of an environment's service.</summary>
public enum ServiceState
{
    /// <summary>The local default's private server runs.</summary>
    Running,

    /// <summary>The local default's private server does not run (the environment's next deploy starts it).</summary>
    Stopped,

    /// <summary>A server that the topology names; the engine does not run it.</summary>
    External,

    /// <summary>No server: the relationship is left out of the environment's relationships.</summary>
    NoEndpoint,
}
