using MagentoCloud.Engine.Configuration;
using LibGit2Sharp;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using MagentoCloud.Engine.Build;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Runtime;
using MagentoCloud.Engine.Services;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// Build and deploy for a project's environments: each deploy is an activity (the environment is
/// Dirty while it runs) whose steps and log are the pipeline's; a success records the deployed
/// commit. Also rollback, releases and commands on the environment's hosts.
/// </summary>
public sealed class DeploymentService
{
    private readonly string _projectRoot;
    private readonly StateStore _store;
    private readonly ActivityService _activities;
    private readonly VariableService _variables;

    public DeploymentService(string projectRoot, StateStore store)
    {
        _projectRoot = Path.GetFullPath(projectRoot);
        _store = store;
        _activities = new ActivityService(store);
        _variables = new VariableService(store);
        Slugs = new SlugStore(Path.Combine(_projectRoot, ".magento", "local", "slugs"));
    }

    public static DeploymentService ForProject(string projectRoot) =>
        new(projectRoot, new StateStore(ProjectRemote.ForWorkingCopy(projectRoot)));

    public SlugStore Slugs { get; }

    /// <summary>Releases kept per host.</summary>
    public int KeepReleases { get; init; } = 5;

    /// <summary>How long a deploy waits for the environment's ended crons and consumers before it kills them.</summary>
    public TimeSpan CronStopTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Builds (or reuses) the slug of an environment's head, or of a commit.</summary>
    public async Task<CloudSlug> BuildAsync(string? environment, string? commit, bool force, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var name = environment ?? EnvironmentService.Master;
        var record = _store.Read(s => s.Get(name));
        var request = Request(record, commit ?? Head(name), force);
        return (await Builder(record).BuildAsync(request, observer, cancellationToken).ConfigureAwait(false)).Slug;
    }

    /// <summary>
    /// Deploys <paramref name="commit"/> (default: the branch head) to an active environment. Returns
    /// the activity, Complete with Success or Failure; a failure names the step and says what is live.
    /// </summary>
    public async Task<CloudActivity> DeployAsync(string environment, string? commit, IOperationObserver observer, CancellationToken cancellationToken,
        string activityType = ActivityType.Redeploy)
    {
        var record = _store.Read(s => s.Get(environment));
        RequireActive(record);
        var target = commit ?? Head(record.Name);
        var activity = await _activities.StartAsync(activityType, record.Name, $"Deploy {target[..Math.Min(12, target.Length)]} to {record.Name}",
            [record.Name], s => RequireActive(s.Get(record.Name)), cancellationToken).ConfigureAwait(false);
        DeployOutcome outcome;
        var mask = SecretMask.None;
        try
        {
            // The deployed commit's project files, read once: relationships, routes, the database.
            var files = ProjectFiles.FromCommit(_store.Remote.GitDirectory, target, _projectRoot);
            RequireDeployable(files, target);
            var build = Request(record, target, force: false);
            var topology = files.TopologyFor(record.Name, TypeName(record));
            var routes = RoutesFor(record, files, topology);
            var serviceWarnings = new List<string>();
            var (runtime, secrets) = await RuntimeVariablesAsync(record, files, routes, serviceWarnings, observer, cancellationToken).ConfigureAwait(false);
            mask = build.Mask.With(secrets);
            var hosts = Hosts(record);
            var context = new DeployContext
            {
                Environment = record.Name,
                Builder = Builder(record),
                DeployHostsKnownHosts = DeployHostsKnownHosts(record),
                Build = build,
                Hosts = hosts,
                RuntimeVariables = runtime,
                Mask = mask,
                Web = WebRuntimeFor(record, files, topology, routes),
                HealthChecks = routes.UpstreamUrls.Select(u => new HealthCheckTarget(u)).ToList(),
                HealthCheck = topology.HealthCheck,
                RollbackOnFailure = topology.RollbackOnFailure,
                ConfigPhp = ConfigPhpAt(target),
                OpenDatabase = DatabaseOf(record, files),
                KeepReleases = KeepReleases,
                InstallCrontab = !Topology(record).IsLocal,
                CronHost = Topology(record).CronHostIndex,
                CronStopTimeout = CronStopTimeout,
                SharedStorage = SharedStorage.For(Topology(record), hosts),
                ActivityId = activity.Id,
                Observer = observer,
            };
            foreach (var warning in serviceWarnings) context.Write(warning);
            if (routes.HttpsServedOverHttp)
                context.Write("The local default has no certificates: its https routes are served over http.");
            outcome = await DeployPipeline.RunAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await _activities.CompleteAsync(activity.Id, ActivityResult.Failure, ["Failed: " + mask.Apply(e.Message)], null, null, CancellationToken.None)
                .ConfigureAwait(false);
            throw;
        }
        var log = outcome.Log.Append(mask.Apply(outcome.Summary));
        var steps = outcome.Steps.Select(s => new CloudActivityStep
        {
            Name = s.Name,
            Duration = s.Duration,
            Result = s.Succeeded ? ActivityResult.Success : ActivityResult.Failure,
        });
        var done = await _activities.CompleteAsync(activity.Id, outcome.Succeeded ? ActivityResult.Success : ActivityResult.Failure, log, steps,
            null, CancellationToken.None, errorId: outcome.Succeeded ? null : (outcome.Error as CloudException)?.Id ?? CloudErrorId.DeployFailed)
            .ConfigureAwait(false);
        // A post_deploy failure still changed what is live: record the deployed commit then too.
        if (outcome.NewReleaseLive && outcome.Commit is { } deployed)
            await RecordDeployedAsync(record.Name, deployed, CancellationToken.None).ConfigureAwait(false);
        return done;
    }

    /// <summary>
    /// Deploys what a branch, merge, synchronize or push changed, as Magento Cloud does: the
    /// environment's head, when the environment is active and that head is not what is deployed.
    /// Null when there is nothing to deploy (inactive, or already deployed).
    /// </summary>
    public async Task<CloudActivity?> DeployChangeAsync(string environment, string activityType, IOperationObserver observer,
        CancellationToken cancellationToken)
    {
        var record = _store.Read(s => s.Get(environment));
        if (record.Status == EnvironmentStatus.Inactive) return null;
        var head = _store.Remote.GetBranchHead(record.Name);
        if (head is null || head == record.DeployedCommit) return null;
        return await DeployAsync(record.Name, head, observer, cancellationToken, activityType).ConfigureAwait(false);
    }

    /// <summary>
    /// Switches an environment back to an earlier good release (default: the newest before the live
    /// one) on every host and marks the abandoned release bad. Code only: the database stays as it is.
    /// </summary>
    public async Task<CloudActivity> UndoAsync(string environment, string? releaseId, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var record = _store.Read(s => s.Get(environment));
        RequireActive(record);
        if (releaseId is not null) ReleaseId.Require(releaseId, record.Name);
        var hosts = Hosts(record);
        var activity = await _activities.StartAsync(ActivityType.Rollback, record.Name, $"Roll back {record.Name}", [record.Name], null, cancellationToken)
            .ConfigureAwait(false);
        var log = new List<string>();
        var clock = Stopwatch.StartNew();
        try
        {
            var primary = hosts[0];
            var live = await primary.CurrentReleaseAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new CloudException(CloudErrorId.ReleaseNotFound, $"Environment '{record.Name}' has no live release to roll back from. Deploy it first.", record.Name);
            var releases = await primary.ReadReleasesAsync(cancellationToken).ConfigureAwait(false);
            var target = releaseId is not null
                ? releases.FirstOrDefault(r => r.Id == releaseId)
                  ?? throw new CloudException(CloudErrorId.ReleaseNotFound,
                      $"There is no release '{releaseId}' on {record.Name}. List them with Get-CloudRelease -Environment {record.Name}.", releaseId)
                : releases.Where(r => r.Id != live && !r.IsBad && r.CreatedAt < (releases.FirstOrDefault(x => x.Id == live)?.CreatedAt ?? DateTimeOffset.MaxValue))
                      .OrderByDescending(r => r.CreatedAt).FirstOrDefault()
                  ?? throw new CloudException(CloudErrorId.ReleaseNotFound,
                      $"Environment '{record.Name}' has no earlier good release to go back to. Deploy a fixed commit instead (Invoke-CloudDeploy).", record.Name);
            if (target.Id == live)
                throw new CloudException(CloudErrorId.InvalidArgument, $"Release '{target.Id}' is already live on {record.Name}.", target.Id);

            await Task.WhenAll(hosts.Select(async host =>
            {
                await Steps.SwitchCurrentRelease.PointAsync(host, target.Id, cancellationToken).ConfigureAwait(false);
                var list = await host.ReadReleasesAsync(cancellationToken).ConfigureAwait(false);
                foreach (var r in list.Where(r => r.Id == live)) r.IsBad = true;
                await host.WriteReleasesAsync(list, cancellationToken).ConfigureAwait(false);
            })).ConfigureAwait(false);
            log.Add($"current → releases/{target.Id} (commit {target.Commit[..Math.Min(12, target.Commit.Length)]}) on {string.Join(", ", hosts.Select(h => h.Name))}; release {live} marked bad.");
            if (WebFor(record, target.Commit) is { } web)
            {
                await Task.WhenAll(hosts.Select(h => web.StartAsync(h, target.Id, cancellationToken))).ConfigureAwait(false);
                log.Add($"Web runtime serves release {target.Id}.");
            }
            log.Add("Code only: the database was not rolled back. If the abandoned release changed the schema or data, restore a snapshot or fix forward.");
            foreach (var line in log) observer.Log(line);
            var done = await _activities.CompleteAsync(activity.Id, ActivityResult.Success, log,
                [new CloudActivityStep { Name = "SwitchCurrentRelease", Duration = clock.Elapsed, Result = ActivityResult.Success }],
                s => { var e = s.Get(record.Name); e.DeployedCommit = target.Commit; e.DeployedAt = DateTimeOffset.Now; },
                CancellationToken.None).ConfigureAwait(false);
            observer.Warning($"Rolled {record.Name} back to release {target.Id}. The database was not rolled back.");
            return done;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.Add("Failed: " + e.Message);
            await _activities.CompleteAsync(activity.Id, ActivityResult.Failure, log, null, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts what is not running of an active environment's web runtime (nginx, its PHP-FPM pool)
    /// on every host, for the live release: after Enable-CloudEnvironment, or a host that rebooted.
    /// </summary>
    public async Task StartWebAsync(string environment, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var record = _store.Read(s => s.Get(environment));
        RequireActive(record);
        if (record.DeployedCommit is not null)
            await StartWorkersAsync(record, observer, cancellationToken).ConfigureAwait(false);
        if (record.DeployedCommit is not { } commit || WebFor(record, commit) is not { } web)
        {
            observer.Log($"{record.Name} has nothing to serve yet: deploy it (Invoke-CloudDeploy).");
            return;
        }
        await Task.WhenAll(Hosts(record).Select(async host =>
        {
            if (await host.CurrentReleaseAsync(cancellationToken).ConfigureAwait(false) is not { } live)
            {
                observer.Log($"{host.Name}: {record.Name} has no live release here.");
                return;
            }
            foreach (var line in (await web.StartAsync(host, live, cancellationToken).ConfigureAwait(false)).Where(l => !l.StartsWith("php-", StringComparison.Ordinal)))
                observer.Log($"{host.Name}: {line}");
        })).ConfigureAwait(false);
    }

    /// <summary>Stops an environment's web runtime on every host and removes its configuration; its releases stay.</summary>
    public async Task StopWebAsync(string environment, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var record = _store.Read(s => s.Get(environment));
        var topology = Topology(record);
        await StopWorkersAsync(record, observer, cancellationToken).ConfigureAwait(false);
        if (!topology.IsLocal && topology.Url is null) return;
        var web = topology.IsLocal ? LocalWebRuntime(record, [], []) : HostWebRuntime(record, [], [], topology.Url!.Port);
        foreach (var host in Hosts(record))
            await web.StopAsync(host, cancellationToken).ConfigureAwait(false);
        observer.Log($"Stopped the web runtime of {record.Name}.");
    }

    /// <summary>
    /// Starts on every host of an active environment what its live release needs and is not running,
    /// without deploying: nginx and the live release's PHP-FPM pool, its crons back in the cron host's
    /// crontab, and on the local default its private MariaDB and Redis. One record per host.
    /// </summary>
    public async Task<IReadOnlyList<CloudHostRuntime>> StartRuntimeAsync(string environment, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var record = _store.Read(s => s.Get(environment));
        RequireActive(record);
        var topology = Topology(record);
        var web = record.DeployedCommit is { } commit ? WebFor(record, commit) : null;
        if (web is null)
            observer.Log(record.DeployedCommit is null
                ? $"{record.Name} has nothing to serve yet: deploy it (Invoke-CloudDeploy)."
                : $"{record.Name} has no web runtime (no web locations{(topology.IsLocal ? "" : ", or no url in the topology")}).");
        var local = new List<string>();
        var localRunning = new List<string>();
        if (topology.IsLocal)
        {
            // The application reaches its servers from its first request: they start first.
            var database = new LocalDatabaseServer(Path.Combine(_projectRoot, ".magento", "local"));
            if (database.HasDatabase("mysql"))
            {
                (database.IsServerRunning ? localRunning : local).Add("MariaDB");
                await database.EnsureRunningAsync("mysql", observer, cancellationToken).ConfigureAwait(false);
            }
            var services = new EnvironmentServices(_projectRoot);
            var (redisRan, rabbitMqRan) = (services.LocalRedis(record.Name).IsRunning, services.LocalRabbitMq.IsRunning);
            foreach (var family in (await services.StartLocalAsync(record.Name, record.Type, observer, cancellationToken).ConfigureAwait(false))
                         .Select(e => e.Family).Distinct())
            {
                if (family == ServiceFamily.Queue) (rabbitMqRan ? localRunning : local).Add("RabbitMQ");
                else (redisRan ? localRunning : local).Add("Redis");
            }
        }
        return await Task.WhenAll(Hosts(record).Select(async host =>
        {
            var started = new List<string>(local);
            var running = new List<string>(localRunning);
            var live = await host.CurrentReleaseAsync(cancellationToken).ConfigureAwait(false);
            if (live is null)
                observer.Warning($"{host.Name}: {record.Name} has no live release here; deploy it (Invoke-CloudDeploy).");
            else
            {
                if (web is not null)
                {
                    var said = await web.StartAsync(host, live, cancellationToken).ConfigureAwait(false);
                    (said.Contains("nginx started") ? started : running).Add("nginx");
                    (said.Any(l => l.StartsWith("started PHP-FPM", StringComparison.Ordinal)) ? started : running).Add("PHP-FPM");
                    foreach (var line in said.Where(l => !l.StartsWith("php-", StringComparison.Ordinal)))
                        observer.Log($"{host.Name}: {line}");
                    if (HostPhp.Parse(host.Name, web.PhpVersion, said).Warning() is { } warning) observer.Warning(warning);
                }
                if (!topology.IsLocal)
                {
                    var crons = await host.RunAsync(CronTab.RestoreScript(host.Root), cancellationToken: cancellationToken).ConfigureAwait(false);
                    var state = crons.Output.Trim();
                    if (state == "started") started.Add("crons");
                    else if (state == "running") running.Add("crons");
                    else if (state == "no-crontab")
                        observer.Warning($"{host.Name}: the crons of {record.Name} are not installed: the host has no crontab command. Install cron there.");
                }
                foreach (var line in await WorkersOnAsync(host, EnvironmentWorkers.StartExisting(host.Root), observer, cancellationToken).ConfigureAwait(false))
                    (line.StartsWith("started ", StringComparison.Ordinal) ? started : running).Add("worker " + line[(line.IndexOf(' ') + 1)..]);
            }
            return new CloudHostRuntime { Environment = record.Name, Host = host.Name, Release = live, Started = started, AlreadyRunning = running };
        })).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops an environment's runtime on every host: its nginx site and PHP-FPM pools, its crons out of the
    /// crontab (their file stays, so a start puts them back), and on the local default its private Redis.
    /// Releases, data and the project's MariaDB stay.
    /// </summary>
    public async Task<IReadOnlyList<CloudHostRuntime>> StopRuntimeAsync(string environment, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var record = _store.Read(s => s.Get(environment));
        var topology = Topology(record);
        var web = topology.IsLocal ? LocalWebRuntime(record, [], []) : topology.Url is null ? null : HostWebRuntime(record, [], [], topology.Url.Port);
        var local = new List<string>();
        if (topology.IsLocal && await new EnvironmentServices(_projectRoot).StopLocalAsync(record.Name, cancellationToken).ConfigureAwait(false))
            local.Add("Redis");
        return await Task.WhenAll(Hosts(record).Select(async host =>
        {
            var stopped = new List<string>(local);
            stopped.AddRange((await WorkersOnAsync(host, EnvironmentWorkers.StopScript(host.Root, 10), observer, cancellationToken).ConfigureAwait(false))
                .Where(l => l.StartsWith("stopped ", StringComparison.Ordinal)).Select(l => "worker " + l["stopped ".Length..]));
            if (web is not null && await web.IsRunningAsync(host, cancellationToken).ConfigureAwait(false))
                stopped.AddRange(["nginx", "PHP-FPM"]);
            if (web is not null)
                await web.StopAsync(host, cancellationToken).ConfigureAwait(false);
            if (!topology.IsLocal)
            {
                var crons = await host.RunAsync(CronTab.RemoveScript(host.Root) + "; echo removed", cancellationToken: cancellationToken).ConfigureAwait(false);
                if (crons.Output.Trim() == "removed") stopped.Add("crons");
            }
            observer.Log($"{host.Name}: stopped the runtime of {record.Name}{(stopped.Count > 0 ? $" ({string.Join(", ", stopped)})" : "")}.");
            return new CloudHostRuntime
            {
                Environment = record.Name, Host = host.Name, Release = await host.CurrentReleaseAsync(cancellationToken).ConfigureAwait(false), Stopped = stopped,
            };
        })).ConfigureAwait(false);
    }

    /// <summary>The URLs of an environment's upstream routes (from its deployed commit's routes.yaml, else the working copy's).</summary>
    public IReadOnlyList<Uri> UrlsOf(string environment)
    {
        var record = _store.Read(s => s.Get(environment));
        var files = record.DeployedCommit is { } commit
            ? ProjectFiles.FromCommit(_store.Remote.GitDirectory, commit, _projectRoot)
            : ProjectFiles.Load(_projectRoot);
        return RoutesFor(record, files, files.TopologyFor(record.Name, TypeName(record))).UpstreamUrls;
    }

    /// <summary>An environment's routes as <paramref name="files"/> give them, resolved for it (its domain, its port on the local default).</summary>
    public EnvironmentRoutes RoutesOf(string environment, ProjectFiles files)
    {
        var record = _store.Read(s => s.Get(environment));
        return RoutesFor(record, files, files.TopologyFor(record.Name, TypeName(record)));
    }

    /// <summary>
    /// Whether each host of the environment serves its live release (nginx with its site, the live
    /// release's PHP-FPM pool), hosts read in parallel; false everywhere when it is inactive, never
    /// deployed or has no web locations.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, bool>> ServingAsync(string environment, CancellationToken cancellationToken)
    {
        var record = _store.Read(s => s.Get(environment));
        var web = record.DeployedCommit is { } commit && record.Status != EnvironmentStatus.Inactive ? WebFor(record, commit) : null;
        var hosts = Hosts(record);
        var serving = await Task.WhenAll(hosts.Select(host => web is null ? Task.FromResult(false) : web.IsRunningAsync(host, cancellationToken)))
            .ConfigureAwait(false);
        return hosts.Select((host, i) => (host.Name, serving[i])).ToDictionary(h => h.Name, h => h.Item2, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Requests each upstream route of the environment's live release on every host, through that
    /// host's own web server, as the deploy's health check does. The failures; none when every route
    /// answered on every host, or when the environment serves no web locations.
    /// </summary>
    public async Task<IReadOnlyList<string>> ProbeAsync(string environment, CancellationToken cancellationToken)
    {
        var record = _store.Read(s => s.Get(environment));
        if (record.DeployedCommit is not { } commit) return [];
        var (web, routes, topology) = DeployedWeb(record, commit);
        if (web is null) return [];
        var targets = routes.UpstreamUrls.Select(u => new HealthCheckTarget(u)).ToList();
        var answers = await Task.WhenAll(Hosts(record).SelectMany(host => targets.Select(target =>
            HealthProbe.RequestAsync(host, web.Listen(host), target, topology.HealthCheck, cancellationToken)))).ConfigureAwait(false);
        return answers.OfType<string>().ToList();
    }

    /// <summary>The environment's web logs on its hosts (all of them, or those named), the last <paramref name="tail"/> lines of each.</summary>
    public async Task<IReadOnlyList<CloudLogLine>> GetLogsAsync(string environment, IReadOnlyList<string> logs, string? hostName, int tail,
        DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var (record, web, hosts) = LogsOf(environment, hostName);
        return await WebLogs.ReadAsync(record.Name, web, hosts, logs.Count > 0 ? logs : WebLogs.Names, tail, since, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Follows the environment's logs on its hosts (all, or those named) until cancelled, writing each line as it comes.</summary>
    public Task FollowLogsAsync(string environment, IReadOnlyList<string> logs, string? hostName, int tail, DateTimeOffset? since,
        Action<CloudLogLine> write, CancellationToken cancellationToken)
    {
        var (record, web, hosts) = LogsOf(environment, hostName);
        return WebLogs.FollowAsync(record.Name, web, hosts, logs.Count > 0 ? logs : WebLogs.Names, tail, since, write, cancellationToken);
    }

    private (EnvironmentRecord Record, WebRuntime? Web, List<DeployHost> Hosts) LogsOf(string environment, string? hostName)
    {
        var record = _store.Read(s => s.Get(environment));
        var web = record.DeployedCommit is { } commit ? WebFor(record, commit) : null;
        return (record, web, Hosts(record).Where(h => hostName is null || h.Name.Contains(hostName, StringComparison.OrdinalIgnoreCase)).ToList());
    }

    /// <summary>The web runtime of an environment as the commit's project files describe it.</summary>
    private WebRuntime? WebFor(EnvironmentRecord record, string commit) => DeployedWeb(record, commit).Web;

    /// <summary>The web runtime, routes and topology of an environment as the commit's project files describe them.</summary>
    private (WebRuntime? Web, EnvironmentRoutes Routes, EnvironmentTopology Topology) DeployedWeb(EnvironmentRecord record, string commit)
    {
        var files = ProjectFiles.FromCommit(_store.Remote.GitDirectory, commit, _projectRoot);
        var topology = files.TopologyFor(record.Name, TypeName(record));
        var routes = RoutesFor(record, files, topology);
        return (WebRuntimeFor(record, files, topology, routes), routes, topology);
    }

    /// <summary>The releases on each host of an environment, newest first.</summary>
    public async Task<IReadOnlyList<CloudRelease>> GetReleasesAsync(string environment, CancellationToken cancellationToken)
    {
        var record = _store.Read(s => s.Get(environment));
        var web = record.DeployedCommit is { } deployed && record.Status != EnvironmentStatus.Inactive ? WebFor(record, deployed) : null;
        var perHost = await Task.WhenAll(Hosts(record).Select(async host =>
        {
            var current = await host.CurrentReleaseAsync(cancellationToken).ConfigureAwait(false);
            var releases = await host.ReadReleasesAsync(cancellationToken).ConfigureAwait(false);
            bool? serving = web is null || current is null ? null : await web.IsRunningAsync(host, cancellationToken).ConfigureAwait(false);
            return releases.OrderByDescending(r => r.CreatedAt).Select(r => new CloudRelease
            {
                Environment = record.Name,
                Host = host.Name,
                Id = r.Id,
                Commit = r.Commit,
                SlugId = r.SlugId,
                CreatedAt = r.CreatedAt,
                IsCurrent = r.Id == current,
                IsBad = r.IsBad,
                Serving = r.Id == current ? serving : null,
            });
        })).ConfigureAwait(false);
        return perHost.SelectMany(r => r).ToList();
    }

    /// <summary>An environment's crons (of its deployed commit), workers and running consumers, per host: installed, last run, result, running now.</summary>
    public async Task<IReadOnlyList<CloudCronStatus>> GetCronsAsync(string environment, CancellationToken cancellationToken)
    {
        var record = _store.Read(s => s.Get(environment));
        var crons = record.DeployedCommit is { } commit ? ProjectFiles.FromCommit(_store.Remote.GitDirectory, commit, _projectRoot).App.Crons : [];
        return await EnvironmentCrons.StatusAsync(record.Name, Hosts(record), crons, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the supervisors of the live release's workers that are not running, on every host (an enable, a reboot).</summary>
    private Task StartWorkersAsync(EnvironmentRecord record, IOperationObserver observer, CancellationToken cancellationToken) =>
        EachHostAsync(record, "started", host => WorkersOnAsync(host, EnvironmentWorkers.StartExisting(host.Root), observer, cancellationToken), observer);

    /// <summary>Stops the environment's workers on every host (a disable, a removal).</summary>
    private Task StopWorkersAsync(EnvironmentRecord record, IOperationObserver observer, CancellationToken cancellationToken) =>
        EachHostAsync(record, "stopped", host => WorkersOnAsync(host, EnvironmentWorkers.StopScript(host.Root, 10), observer, cancellationToken), observer);

    /// <summary>Runs on every host at once; a host that can't be reached is a warning, so the others (and what follows) still happen.</summary>
    private Task EachHostAsync(EnvironmentRecord record, string done, Func<DeployHost, Task> action, IOperationObserver observer) =>
        Task.WhenAll(Hosts(record).Select(async host =>
        {
            try
            {
                await action(host).ConfigureAwait(false);
            }
            catch (CloudException e)
            {
                observer.Warning($"{host.Name}: the workers of {record.Name} were not {done} there: {e.Message}");
            }
        }));

    /// <summary>Runs a workers script on a host, logs and returns what it said ("started NAME", "stopped NAME" …); nothing where the root is missing.</summary>
    private static async Task<IReadOnlyList<string>> WorkersOnAsync(DeployHost host, string script, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var result = await host.RunAsync(script, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == DeployHost.NoRoot) return [];
        if (result.ExitCode != 0)
            throw new CloudException(CloudErrorId.CommandFailed,
                $"Starting or stopping the workers failed on {host.Name} with exit code {result.ExitCode}{DeployHost.LastLine(result.Error)}.", host.Name);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines) observer.Log($"{host.Name}: worker {line}");
        return lines;
    }

    /// <summary>Runs a command in the live release (with its runtime variables) on the first host, or every host.</summary>
    public async Task<IReadOnlyList<CloudCommandResult>> InvokeCommandAsync(string environment, string command, bool allHosts,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        var record = _store.Read(s => s.Get(environment));
        RequireActive(record);
        var hosts = Hosts(record);
        var chosen = allHosts ? hosts : [hosts[0]];
        var mask = KnownSecrets(record).With(await EncodedSecretsAsync(hosts[0], cancellationToken).ConfigureAwait(false));
        var noRelease = ShellQuote.Quote($"Environment {record.Name} has no live release on this host: deploy it first (Invoke-CloudDeploy).");
        var results = await Task.WhenAll(chosen.Select(host => host.RunAsync(
            $"[ -d {DeployHost.CurrentLink} ] || {{ echo {noRelease} >&2; exit 1; }}; " +
            $"{DeployHost.EnterRelease(DeployHost.CurrentLink)} && exec sh -c {ShellQuote.Quote(command)}",
            null, (line, _) => observer.Log(mask.Apply($"{host.Name}: {line}")), cancellationToken, userCode: true))).ConfigureAwait(false);
        foreach (var result in results)
        {
            result.Output = mask.Apply(result.Output);
            result.Error = mask.Apply(result.Error);
        }
        return results;
    }

    /// <summary>The keys that an environment's hosts offer, and what the topology's known_hosts file says about each.</summary>
    public async Task<IReadOnlyList<CloudHostKey>> ScanHostKeysAsync(string environment, CancellationToken cancellationToken)
    {
        var record = _store.Read(s => s.Get(environment));
        var topology = Topology(record);
        if (topology.IsLocal)
            throw new CloudException(CloudErrorId.InvalidArgument,
                $"Environment '{record.Name}' runs on this machine (the local default): it has no SSH host to trust.", record.Name);
        var knownHosts = topology.Ssh.KnownHostsFile is { } path ? HomePath.Expand(path) : null;
        return await Task.WhenAll(topology.Hosts.Select(h => HostKeyScan.ScanAsync(h, knownHosts, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// The hosts of an environment: on the local default, this machine, under
    /// <c>.magento/local/environments/&lt;name&gt;/</c>; else one per topology host (a pooled SSH
    /// connection), each under the topology's root with <c>{host}</c> expanded.
    /// </summary>
    public IReadOnlyList<DeployHost> Hosts(EnvironmentRecord record)
    {
        var topology = Topology(record);
        if (topology.IsLocal)
            return [new DeployHost(Local, Path.Combine(_projectRoot, ".magento", "local", "environments", record.Name))];
        if (string.IsNullOrWhiteSpace(topology.Root))
            throw new CloudException(CloudErrorId.InvalidArgument,
                $"Environment '{record.Name}' runs on {string.Join(", ", topology.Hosts)}, but .magento/topology.yaml gives it no 'root' " +
                "(the folder on each host that holds its releases). Add one, e.g. root: /srv/magento/{environment}.", record.Name);
        return topology.Hosts.Select(h => new DeployHost(HostConnections.Connect(h, topology.Ssh), topology.RootFor(h)!)).ToList();
    }

    private static readonly LocalTransport Local = new();

    /// <summary>
    /// Where an environment's slugs are built: on the topology's build host when it names one and the
    /// environment runs on SSH hosts, else on this machine.
    /// </summary>
    private ISlugBuilder Builder(EnvironmentRecord record)
    {
        var files = ProjectFiles.Load(_projectRoot);
        var type = TypeName(record);
        if (files.Topology.TopologyFor(record.Name, type).IsLocal || files.Topology.BuildHostFor(record.Name, type) is not { } buildHost)
            return new SlugBuilder(Slugs);
        return new RemoteSlugBuilder(HostConnections.Connect(buildHost.Host, buildHost.Ssh), buildHost);
    }

    /// <summary>The known_hosts file that vouches for an environment's hosts (its text: public keys only).</summary>
    private string DeployHostsKnownHosts(EnvironmentRecord record)
    {
        var topology = Topology(record);
        if (topology.IsLocal) return "";
        var path = topology.Ssh.KnownHostsFile is { } file ? HomePath.Expand(file) : Path.Combine(HomePath.Directory, ".ssh", "known_hosts");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private EnvironmentTopology Topology(EnvironmentRecord record) =>
        ProjectFiles.Load(_projectRoot).TopologyFor(record.Name, TypeName(record));

    private BuildRequest Request(EnvironmentRecord record, string commit, bool force)
    {
        var variables = _variables.GetHookEnvironment(record.Name, VariablePhase.Build);
        return new BuildRequest
        {
            RepositoryPath = _store.Remote.GitDirectory,
            Commit = commit,
            Project = ProjectId(),
            Environment = record.Name,
            Branch = record.Name,
            EnvironmentType = TypeName(record),
            Variables = variables,
            Mask = KnownSecrets(record).With([variables["MAGENTO_CLOUD_VARIABLES"]]),
            Force = force,
        };
    }

    /// <summary>
    /// The encoded relationships and variables of the live runtime variables on <paramref name="host"/>: they carry
    /// passwords and sensitive values, so a command that prints them whole gets them blanked too.
    /// </summary>
    private static async Task<IEnumerable<string?>> EncodedSecretsAsync(DeployHost host, CancellationToken cancellationToken)
    {
        var result = await host.RunAsync(
            $"sed -n -e 's/^export MAGENTO_CLOUD_RELATIONSHIPS=//p' -e 's/^export MAGENTO_CLOUD_VARIABLES=//p' {DeployHost.RuntimeFile} 2>/dev/null || true",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        // Base64 never needs quoting beyond the single quotes ShellQuote puts around it.
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.Trim('\''));
    }

    /// <summary>
    /// The secrets known without reaching a host: every sensitive variable of the project, the topology's
    /// database passwords, and the local default's database credentials for the environment.
    /// </summary>
    private SecretMask KnownSecrets(EnvironmentRecord record)
    {
        var secrets = new List<string?>(_variables.SensitiveValues());
        secrets.AddRange(DatabasePasswords.Known(_projectRoot, [record.Name]));
        var services = new EnvironmentServices(_projectRoot);
        secrets.Add(services.LocalRedis(record.Name).Known?.Password);
        secrets.Add(services.LocalRabbitMq.Known(record.Name)?.Password);
        return new SecretMask(secrets);
    }

    /// <summary>
    /// Magento Cloud's runtime variables: the build's plus relationships and routes, from the project
    /// files of the commit being deployed. A database relationship gets the topology's database, or on
    /// the local default the environment's own database on the project's private server (started now
    /// if it is not running).
    /// </summary>
    private async Task<(Dictionary<string, string> Variables, List<string?> Secrets)> RuntimeVariablesAsync(EnvironmentRecord record, ProjectFiles files,
        EnvironmentRoutes routes, List<string> serviceWarnings,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        var secrets = new List<string?>();
        var topology = files.TopologyFor(record.Name, TypeName(record));
        // Every other relationship's server first: a Production or Staging one without it fails here, before anything starts.
        var services = await new EnvironmentServices(_projectRoot).ResolveAsync(record.Name, files, topology, start: false, observer, cancellationToken)
            .ConfigureAwait(false);
        serviceWarnings.AddRange(EnvironmentServices.RequireEndpoints(record.Name, record.Type, topology, services, observer));
        if (topology.IsLocal)
            services = await new EnvironmentServices(_projectRoot).ResolveAsync(record.Name, files, topology, start: true, observer, cancellationToken)
                .ConfigureAwait(false);
        secrets.AddRange(services.Endpoints.Select(e => e.Password));
        DatabaseEndpoint? database = null;
        if (files.App.Relationships.Any(r => IsDatabase(files.Service(r.Service))))
        {
            if (topology.Database is { } db)
            {
                database = new DatabaseEndpoint
                {
                    Host = db.Host, Port = db.Port, Database = db.Name, User = db.User, Password = db.ReadPassword() ?? "",
                };
            }
            else if (topology.IsLocal)
            {
                await using var opened = await Workspace.Open(_projectRoot).OpenDatabaseAsync(record.Name, observer, cancellationToken)
                    .ConfigureAwait(false);
                database = opened.HostEndpoint;
                secrets.Add(opened.Endpoint.Password);
            }
        }
        var variables = new Dictionary<string, string>(_variables.GetHookEnvironment(record.Name, VariablePhase.Runtime), StringComparer.Ordinal)
        {
            ["MAGENTO_CLOUD_PROJECT"] = ProjectId(),
            ["MAGENTO_CLOUD_ENVIRONMENT"] = record.Name,
            ["MAGENTO_CLOUD_BRANCH"] = record.Name,
            ["MAGENTO_CLOUD_ENVIRONMENT_TYPE"] = TypeName(record),
            ["MAGENTO_CLOUD_RELATIONSHIPS"] = Base64(Relationships(files, database, services.Endpoints, record.Name)),
            ["MAGENTO_CLOUD_ROUTES"] = Base64(Routes(routes)),
        };
        // The encoded relationships and variables carry passwords and sensitive values: blank them whole too.
        secrets.AddRange([database?.Password, variables["MAGENTO_CLOUD_RELATIONSHIPS"], variables["MAGENTO_CLOUD_VARIABLES"]]);
        return (variables, secrets);
    }

    /// <summary>The commit's app/etc/config.php, read; null when the commit has none.</summary>
    private PhpArray? ConfigPhpAt(string commit)
    {
        using var repository = new Repository(_store.Remote.GitDirectory);
        return repository.Lookup<Commit>(commit)?.Tree[ConfigurationService.ConfigPhpPath]?.Target is Blob blob
            ? PhpArrayReader.Read(blob.GetContentStream(), ConfigurationService.ConfigPhpPath).Root
            : null;
    }

    /// <summary>How the deploy reaches the environment's database: when the commit's application has a
    /// database relationship and the environment has a database (its topology's, or the local default's).</summary>
    private Func<IOperationObserver, CancellationToken, Task<EnvironmentDatabase>>? DatabaseOf(EnvironmentRecord record, ProjectFiles files)
    {
        var topology = files.TopologyFor(record.Name, TypeName(record));
        if (!files.App.Relationships.Any(r => IsDatabase(files.Service(r.Service))) || (!topology.IsLocal && topology.Database is null))
            return null;
        return (observer, cancellationToken) => Workspace.Open(_projectRoot).OpenDatabaseAsync(record.Name, observer, cancellationToken);
    }

    private static bool IsDatabase(ServiceDefinition? service) => service?.Type.ToLowerInvariant() is "mysql" or "mariadb";

    /// <summary>
    /// Relationship name → endpoints, in the order of the app file: database relationships point at
    /// <paramref name="database"/>, the others at their servers; a relationship without one is left out.
    /// </summary>
    private static JsonObject Relationships(ProjectFiles files, DatabaseEndpoint? database, IReadOnlyList<ServiceEndpoint> services, string environment)
    {
        var result = new JsonObject();
        foreach (var relationship in files.App.Relationships)
        {
            var service = files.Service(relationship.Service);
            if (IsDatabase(service) && database is not null)
            {
                result[relationship.Name] = new JsonArray(new ServiceEndpoint
                {
                    Relationship = relationship.Name, Service = service!.Name, Family = ServiceFamily.Database,
                    Type = service.Version is null ? service.Type : $"{service.Type}:{service.Version}",
                    Host = database.Host, Port = database.Port, Scheme = "mysql", Username = database.User, Password = database.Password,
                    Path = database.Database, Rel = relationship.Endpoint ?? "mysql", Environment = environment,
                }.ToJson());
            }
            else if (services.Where(e => e.Relationship == relationship.Name).Select(e => (JsonNode)e.ToJson()).ToArray() is { Length: > 0 } endpoints)
            {
                result[relationship.Name] = new JsonArray(endpoints);
            }
        }
        return result;
    }

    private static JsonObject Routes(EnvironmentRoutes routes)
    {
        var result = new JsonObject();
        foreach (var (route, url) in routes.Resolved)
        {
            result[url.ToString()] = new JsonObject
            {
                ["type"] = route.Type, ["upstream"] = route.Upstream, ["to"] = route.To, ["original_url"] = route.Url,
            };
        }
        return result;
    }

    /// <summary>The environment's routes: on the local default at &lt;environment&gt;.&lt;project&gt;.localhost and the project's port.</summary>
    private EnvironmentRoutes RoutesFor(EnvironmentRecord record, ProjectFiles files, EnvironmentTopology topology)
    {
        if (topology.IsLocal && topology.Url is null)
            return EnvironmentRoutes.Resolve(files.Routes, EnvironmentRoutes.LocalDomain(record.Name, ProjectId(), LocalWebPort.For(LocalWebFolder)), local: true);
        return EnvironmentRoutes.Resolve(files.Routes, topology.Url?.Authority ?? "localhost", local: topology.IsLocal);
    }

    private string LocalWebFolder => Path.Combine(_projectRoot, ".magento", "local", "web");

    /// <summary>
    /// The environment's nginx and PHP-FPM: on the local default one nginx for the project on its
    /// port; on SSH hosts one nginx per environment on each host's own address, at the port of the
    /// topology's URL. Null when the application has no web locations, or an SSH environment no URL.
    /// </summary>
    private WebRuntime? WebRuntimeFor(EnvironmentRecord record, ProjectFiles files, EnvironmentTopology topology, EnvironmentRoutes routes)
    {
        if (files.App.WebLocations.Count == 0) return null;
        var runtime = topology.IsLocal
            ? LocalWebRuntime(record, routes.HostNames, files.App.WebLocations)
            : topology.Url is { } url ? HostWebRuntime(record, routes.HostNames, files.App.WebLocations, url.Port) : null;
        return runtime is null ? null : runtime with
        {
            Redirects = routes.Redirects,
            PhpVersion = files.App.Type is { } type && type.StartsWith("php:", StringComparison.Ordinal) ? type[4..] : null,
            PhpExtensions = files.App.RuntimeExtensions,
        };
    }

    private static WebRuntime HostWebRuntime(EnvironmentRecord record, IReadOnlyList<string> hostNames, IReadOnlyList<WebLocation> locations, int port) => new()
    {
        Environment = record.Name,
        ServerNames = hostNames,
        Server = host => new NginxServer(host.Root + "/web"),
        Listen = host => $"{ListenAddress(host)}:{port}",
        Locations = locations,
        OwnsServer = true,
    };

    /// <summary>The address a host is reached at (each host serves on its own).</summary>
    private static string ListenAddress(DeployHost host)
    {
        var address = SshHost.Parse(host.Name).HostName;
        return address.Contains(':') ? $"[{address}]" : address;
    }

    private WebRuntime LocalWebRuntime(EnvironmentRecord record, IReadOnlyList<string> hostNames, IReadOnlyList<WebLocation> locations)
    {
        var port = LocalWebPort.For(LocalWebFolder);
        return new WebRuntime
        {
            Environment = record.Name,
            ServerNames = hostNames,
            Server = _ => new NginxServer(LocalWebFolder),
            Listen = _ => $"127.0.0.1:{port}",
            Locations = locations,
        };
    }


    private async Task RecordDeployedAsync(string environment, string commit, CancellationToken cancellationToken)
    {
        await _store.UpdateAsync($"{environment}: deployed {commit[..12]}", s =>
        {
            var e = s.Get(environment);
            e.DeployedCommit = commit;
            e.DeployedAt = DateTimeOffset.Now;
        }, cancellationToken).ConfigureAwait(false);
    }

    private string Head(string environment) => _store.Remote.GetBranchHead(environment)
        ?? throw new CloudException(CloudErrorId.EnvironmentNotFound,
            $"Environment '{environment}' has no branch in the project remote. Push it first (Push-CloudBranch).", environment);

    private string ProjectId() => _store.Read(s => s.Project?.Id) ?? "";

    private static string TypeName(EnvironmentRecord record) => record.Type.ToString().ToLowerInvariant();

    private static string Base64(JsonNode node) => Convert.ToBase64String(Encoding.UTF8.GetBytes(node.ToJsonString()));

    /// <summary>
    /// The deployed commit's project files, checked with Test-CloudProject's rules before any step
    /// changes a host: a mount outside the application or the shared files, a cron of the wrong shape,
    /// fail here, with their place, instead of in the middle of the deploy (or after the switch).
    /// </summary>
    private static void RequireDeployable(ProjectFiles files, string commit)
    {
        _ = files.Topology; // a broken topology says so with its own id
        // A service without a server is the deployed environment's problem only: checked with its endpoints.
        var errors = ProjectValidator.Validate(files).Where(f => f.Severity == FindingSeverity.Error && f.Code != "NoServiceEndpoint").ToList();
        if (errors.Count == 0) return;
        var shown = string.Join(" ", errors.Take(5).Select(f => $"{f.File}:{f.Line}:{f.Column}: {f.Message}"));
        throw new CloudException(CloudErrorId.ProjectInvalid,
            $"Commit {commit[..Math.Min(12, commit.Length)]} cannot be deployed: {shown}{(errors.Count > 5 ? $" (and {errors.Count - 5} more)" : "")} " +
            "Nothing was changed on any host. Fix the files (Test-CloudProject lists every problem), commit and deploy again.", commit);
    }

    private static void RequireActive(EnvironmentRecord record)
    {
        if (record.Status == EnvironmentStatus.Inactive)
            throw new CloudException(CloudErrorId.EnvironmentInactive,
                $"Environment '{record.Name}' is inactive: it has no hosts to deploy to or run commands on. Activate it with Enable-CloudEnvironment first.", record.Name);
    }
}
