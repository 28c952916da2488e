namespace MagentoCloud.Engine.Deploy;

/// <summary>One cron of an environment on one host, or a consumer running there (Get-CloudCron).</summary>
public sealed class CloudCronStatus
{
    public string Environment { get; init; } = "";

    public string Host { get; init; } = "";

    /// <summary>Cron (of .magento.app.yaml), Worker (of its workers:, supervised) or Consumer (a queue:consumers:start process).</summary>
    public string Kind { get; init; } = "Cron";

    /// <summary>The cron's name, or the consumer's.</summary>
    public string Name { get; init; } = "";

    /// <summary>The cron's schedule; null for a consumer.</summary>
    public string? Schedule { get; init; }

    /// <summary>True when this host's crontab holds the environment's crons (one host does).</summary>
    public bool Installed { get; init; }

    /// <summary>When the cron last finished on this host (a worker: last exited); null when it never did here.</summary>
    public DateTimeOffset? LastRun { get; init; }

    /// <summary>The exit code of its last run here; null when unknown.</summary>
    public int? LastExitCode { get; init; }

    /// <summary>How many of its processes run on this host now.</summary>
    public int Running { get; init; }

    /// <summary>A worker's restarts by its supervisor since it was last started (by a deploy or a start); 0 for the others.</summary>
    public int Restarts { get; init; }
}
