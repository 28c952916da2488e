using System.Collections.Concurrent;
using System.Diagnostics;
using MagentoCloud.Engine.Build;

namespace MagentoCloud.Engine.Deploy;

/// <summary>What a deploy works on, and what its steps learn as they go (the slug, the release, the lock).</summary>
public sealed class DeployContext
{
    private readonly List<string> _log = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public required string Environment { get; init; }

    public required ISlugBuilder Builder { get; init; }

    /// <summary>Where the slug is on the build host, when a build host built it (set by BuildOrReuseSlug).</summary>
    public RemoteSlug? RemoteSlug { get; set; }

    /// <summary>The known_hosts text that holds the deploy hosts' keys: given to the build host when it sends them a slug.</summary>
    public string DeployHostsKnownHosts { get; init; } = "";

    /// <summary>The build to run or reuse (commit, variables).</summary>
    public required BuildRequest Build { get; init; }

    /// <summary>The environment's hosts; the first runs the deploy and post_deploy hooks and the crons.</summary>
    public required IReadOnlyList<DeployHost> Hosts { get; init; }

    /// <summary>
    /// Runtime variables for hooks and the application (MAGENTO_CLOUD_RELATIONSHIPS, _ROUTES,
    /// _VARIABLES, ...), already computed; written to each release, never on a command line.
    /// </summary>
    public IReadOnlyDictionary<string, string> RuntimeVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>Releases kept on each host (the live one always counts).</summary>
    public int KeepReleases { get; init; } = 5;

    /// <summary>Install crons into the host user's crontab (off for the local default: it is the user's own machine).</summary>
    public bool InstallCrontab { get; init; } = true;

    public string? ActivityId { get; init; }

    /// <summary>The index in <see cref="Hosts"/> of the host the topology chose for the crons (the next ones take over when it is down).</summary>
    public int CronHost { get; init; }

    /// <summary>The storage the hosts share for the mounts; null when every mount is per host.</summary>
    public SharedStorage? SharedStorage { get; init; }

    /// <summary>How long StopCrons waits for ended crons and consumers before it kills them.</summary>
    public TimeSpan CronStopTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Set once StopCrons has removed the crons: a failed deploy puts them back.</summary>
    public bool CronsStopped { get; set; }

    /// <summary>Set once StopWorkers has stopped the workers: a failed deploy starts them again.</summary>
    public bool WorkersStopped { get; set; }

    /// <summary>The deployed commit's app/etc/config.php, read; null when it has none.</summary>
    public Configuration.PhpArray? ConfigPhp { get; init; }

    /// <summary>Opens the environment's database from this machine; null when the application has no database relationship.</summary>
    public Func<IOperationObserver, CancellationToken, Task<Data.EnvironmentDatabase>>? OpenDatabase { get; init; }

    public IOperationObserver Observer { get; init; } = SilentObserver.Instance;

    /// <summary>The secrets this deploy knows, blanked out of every line it logs (a hook may echo one).</summary>
    public SecretMask Mask { get; init; } = SecretMask.None;

    /// <summary>The environment's web runtime (nginx, PHP-FPM); null when the application has no web locations.</summary>
    public Runtime.WebRuntime? Web { get; init; }

    /// <summary>The new release's PHP-FPM pools starting on every host while the hooks run (see <see cref="Steps.StartReleasePool"/>).</summary>
    public Task<IReadOnlyList<string>[]>? PoolsStarting { get; set; }

    /// <summary>The environment's upstream routes, requested on every host after the switch.</summary>
    public IReadOnlyList<Runtime.HealthCheckTarget> HealthChecks { get; init; } = [];

    public Project.HealthCheckSettings HealthCheck { get; init; } = Project.HealthCheckSettings.Default;

    /// <summary>A failed health check switches every host back to the previous release.</summary>
    public bool RollbackOnFailure { get; init; }

    public DeployHost Primary => Hosts[0];

    // Learned as the steps run.

    public CloudSlug? Slug { get; set; }

    public AppDocument? App { get; set; }

    public string ReleaseId { get; set; } = "";

    public bool LockTaken { get; set; }

    /// <summary>Each host's live release before this deploy (null on a first deploy).</summary>
    public ConcurrentDictionary<DeployHost, string?> PreviousRelease { get; } = new();

    /// <summary>Each host's releases.json as read under the lock (the switch writes it back with the new release, in one command).</summary>
    public ConcurrentDictionary<DeployHost, List<ReleaseRecord>> ReleasesBefore { get; } = new();

    /// <summary>Hosts that hold the new release's folder.</summary>
    public ConcurrentDictionary<DeployHost, bool> Uploaded { get; } = new();

    /// <summary>Hosts whose <c>current</c> already points to the new release.</summary>
    public ConcurrentDictionary<DeployHost, bool> Switched { get; } = new();

    /// <summary>Set once every host serves the new release: from here on a failure leaves it live.</summary>
    public bool ReleaseLive { get; set; }

    public bool MaintenanceOn { get; set; }

    public TimeSpan? MaintenanceStarted { get; set; }

    public TimeSpan MaintenanceWindow { get; set; }

    public TimeSpan DeployHookDuration { get; set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public IReadOnlyList<string> Log
    {
        get { lock (_log) return _log.ToList(); }
    }

    /// <summary>Adds a line to the activity's log and streams it to the caller (-Verbose).</summary>
    public void Write(string line)
    {
        line = Mask.Apply(line);
        var stamped = $"[{DateTimeOffset.Now:HH:mm:ss.fff}] {line}";
        lock (_log) _log.Add(stamped);
        Observer.Log(line);
    }

    /// <summary>An observer that writes build output into this deploy's log.</summary>
    internal IOperationObserver LogObserver => new ContextObserver(this);

    private sealed class ContextObserver(DeployContext context) : IOperationObserver
    {
        public void Progress(OperationProgress progress) => context.Observer.Progress(progress);

        public void Log(string line) => context.Write(line);

        public void Warning(string message)
        {
            context.Write("WARNING: " + message);
            context.Observer.Warning(context.Mask.Apply(message));
        }
    }
}
