namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// What an environment's runtime does on one of its hosts after Start- or Stop-CloudEnvironmentRuntime:
/// which of its processes were started (or stopped) and which already ran.
/// </summary>
public sealed class CloudHostRuntime
{
    public string Environment { get; init; } = "";

    public string Host { get; init; } = "";

    /// <summary>The live release on the host; null when nothing was deployed there.</summary>
    public string? Release { get; init; }

    /// <summary>What this call started: nginx, PHP-FPM, crons, MariaDB, Redis, RabbitMQ.</summary>
    public IReadOnlyList<string> Started { get; init; } = [];

    /// <summary>What already ran and was left alone.</summary>
    public IReadOnlyList<string> AlreadyRunning { get; init; } = [];

    /// <summary>What this call stopped (Stop-CloudEnvironmentRuntime).</summary>
    public IReadOnlyList<string> Stopped { get; init; } = [];
}
