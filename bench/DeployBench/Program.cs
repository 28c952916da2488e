using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LibGit2Sharp;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Tests.Build;

// Usage: DeployBench redeploy [runs] | maintenance [runs] [ssh] | hosts [runs] [files] | buildhost [runs] [files] | buildcache [runs] [source files per package] | treesend [runs]
// Progress goes to stderr; one JSON line with the figures to stdout. The ssh modes read the
// MC_TEST_SSH_* variables of tests/infra (the .Bench.ps1 scripts start it when it is not running).
var mode = args.Length > 0 ? args[0] : "redeploy";
var runs = args.Length > 1 ? int.Parse(args[1]) : 3;
var root = Directory.CreateTempSubdirectory("mc-deploybench-").FullName;
var hostRun = "bench-" + Guid.NewGuid().ToString("N")[..8];
try
{
    object figures = mode switch
    {
        "redeploy" => await Redeploy(),
        "maintenance" => await Maintenance(args.Length > 2 && args[2] == "ssh"),
        "hosts" => await Hosts(args.Length > 2 ? int.Parse(args[2]) : 20000),
        "buildhost" => await BuildHostSlugs(args.Length > 2 ? int.Parse(args[2]) : 20000),
        "buildcache" => await BuildCache(args.Length > 2 ? int.Parse(args[2]) : 0),
        "treesend" => await TreeSend(),
        _ => throw new ArgumentException($"unknown mode {mode}"),
    };
    Console.WriteLine(JsonSerializer.Serialize(figures));
    return 0;
}
finally
{
    Directory.Delete(root, recursive: true);
    if (Environment.GetEnvironmentVariable("MC_TEST_HOST_ROOTS") is { Length: > 0 })
        foreach (var h in SshHosts()) TryDelete(Path.Combine(HostRootsParent(), h, hostRun));
}

// Cold build + deploy of a tree whose build hook takes ~3 s, against redeploys of the same tree (slug reused).
async Task<object> Redeploy()
{
    var deployments = await Project(App(build: "sleep 3\n    echo built > built.txt", deploy: "true"));
    var cold = await TimedDeploy(deployments);
    var warm = new List<double>();
    for (var i = 0; i < runs; i++) warm.Add(await TimedDeploy(deployments));
    var redeploy = Median(warm);
    return new { ColdMs = Round(cold), RedeployMs = Round(redeploy), Ratio = Math.Round(redeploy / cold, 3) };
}

// The maintenance window (flag on to flag off) minus the deploy hook's own time, per deploy.
async Task<object> Maintenance(bool ssh)
{
    var deployments = await Project(App(build: "true", deploy: "sleep 0.5"), ssh ? SshHosts().Select(Address).ToList() : null);
    await TimedDeploy(deployments); // warm: first build, first connections
    var windows = new List<double>();
    var hooks = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var activity = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        var match = Regex.Match(activity.Log, @"Maintenance window: (\d+) ms, of which the deploy hook (\d+) ms");
        if (!match.Success) throw new InvalidOperationException("No maintenance figures in the log:\n" + activity.Log);
        windows.Add(double.Parse(match.Groups[1].Value));
        hooks.Add(double.Parse(match.Groups[2].Value));
        Console.Error.WriteLine($"window {windows[^1]} ms, hook {hooks[^1]} ms; steps " + string.Join(", ",
            activity.Steps.Where(s => s.Duration.TotalMilliseconds >= 1).Select(s => $"{s.Name} {s.Duration.TotalMilliseconds:0}")));
    }
    var overhead = windows.Zip(hooks, (w, h) => w - h).ToList();
    return new { Hosts = ssh ? SshHosts().Count : 1, WindowMs = Median(windows), HookMs = Median(hooks), OverheadMs = Median(overhead) };
}

// A ~20,000-file slug deployed to one SSH host, then to three, alternating; medians of each.
async Task<object> Hosts(int files)
{
    var perDir = 200;
    var build = $"for d in $(seq 1 {Math.Max(1, files / perDir)}); do mkdir -p vendor/m$d; for f in $(seq 1 {perDir}); do " +
                "echo \"<?php // module $d file $f\" > vendor/m$d/f$f.php; done; done";
    var all = SshHosts().Select(Address).ToList();
    var deployments = await Project(App(build: build, deploy: "true"), all);
    await TimedDeploy(deployments); // builds the slug once, opens the connections
    var one = new List<double>();
    var three = new List<double>();
    var steps = new Dictionary<string, (List<double> One, List<double> Three)>();
    for (var i = 0; i < runs; i++)
    {
        WriteTopology(all.Take(1).ToList());
        one.Add(await TimedDeploy(deployments, a => Record(a, s => steps[s].One)));
        WriteTopology(all);
        three.Add(await TimedDeploy(deployments, a => Record(a, s => steps[s].Three)));
        Console.Error.WriteLine($"one host {one[^1]:0} ms, three hosts {three[^1]:0} ms");
    }
    var bySteps = steps.ToDictionary(s => s.Key, s => new { OneMs = Median(s.Value.One), ThreeMs = Median(s.Value.Three) });
    // What the machine itself allows: the same archive unpacked through plain OpenSSH on one host, then
    // on three at once. When the "hosts" share this machine's cores, three can never cost what one does.
    var slug = Directory.EnumerateFiles(root, "*.tar.zst", SearchOption.AllDirectories).OrderByDescending(f => new FileInfo(f).Length).First();
    var rawOne = new List<double>();
    var rawThree = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        rawOne.Add(await RawUnpack(slug, all.Take(1).ToList()));
        rawThree.Add(await RawUnpack(slug, all));
        Console.Error.WriteLine($"plain ssh: one host {rawOne[^1]:0} ms, three hosts {rawThree[^1]:0} ms");
    }
    return new
    {
        Files = files, OneHostMs = Median(one), ThreeHostsMs = Median(three), Ratio = Math.Round(Median(three) / Median(one), 3),
        PlainSshOneHostMs = Median(rawOne), PlainSshThreeHostsMs = Median(rawThree),
        PlainSshRatio = Math.Round(Median(rawThree) / Median(rawOne), 3),
        Steps = bySteps,
    };

    void Record(CloudActivity activity, Func<string, List<double>> list)
    {
        foreach (var step in activity.Steps)
        {
            if (!steps.ContainsKey(step.Name)) steps[step.Name] = ([], []);
            list(step.Name).Add(step.Duration.TotalMilliseconds);
        }
    }
}

// A ~20,000-file slug to three hosts: sent from this machine (a local build) against sent by the
// build host (the first test host) host to host; the UploadRelease step (send + unpack), best of the runs.
// Also the step when every host holds the slug already: only the unpacking, the floor of any transfer.
async Task<object> BuildHostSlugs(int files)
{
    var build = $"for d in $(seq 1 {Math.Max(1, files / 200)}); do mkdir -p vendor/m$d; for f in $(seq 1 200); do " +
                "echo \"<?php // module $d file $f\" > vendor/m$d/f$f.php; done; done";
    var all = SshHosts().Select(Address).ToList();
    var buildRoot = Path.Combine(HostRootsParent(), SshHosts()[0], hostRun, "build");
    var deployments = await Project(App(build: build, deploy: "true"), all);
    await TimedDeploy(deployments); // the local slug, the connections
    WriteTopology(all, buildRoot);
    await TimedDeploy(deployments); // the build host's slug
    var local = new List<double>();
    var relayed = new List<double>();
    var held = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        WriteTopology(all);
        local.Add(UploadMs(await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None)));
        WriteTopology(all, buildRoot);
        foreach (var h in SshHosts()) TryDelete(Path.Combine(HostRootsParent(), h, hostRun, "master", "slugs")); // each host must receive it
        var relay = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        relayed.Add(UploadMs(relay));
        if (Environment.GetEnvironmentVariable("MC_BENCH_LOG") is { Length: > 0 }) Console.Error.WriteLine(relay.Log);
        // The floor: every host holds the slug, so the step only unpacks (the same work on the same cores, no transfer).
        held.Add(UploadMs(await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None)));
        Console.Error.WriteLine($"from this machine {local[^1]:0} ms, from the build host {relayed[^1]:0} ms, held by every host (unpack only) {held[^1]:0} ms");
    }
    return new
    {
        Files = files, FromThisMachineMs = local.Min(), FromBuildHostMs = relayed.Min(), UnpackOnlyMs = held.Min(),
        Ratio = Math.Round(relayed.Min() / local.Min(), 3), UnpackOnlyRatio = Math.Round(held.Min() / local.Min(), 3),
        MedianRatio = Math.Round(Median(relayed) / Median(local), 3),
    };

    static double UploadMs(CloudActivity activity) => activity.Result == ActivityResult.Success
        ? activity.Steps.Single(s => s.Name == "UploadRelease").Duration.TotalMilliseconds
        : throw new InvalidOperationException("Deploy failed:\n" + activity.Log);
}

// A composer build on the build host with an empty cache against one with the same composer.lock
// (the slug rebuilt: -Force), packages from a loopback Composer repository the benchmark makes.
async Task<object> BuildCache(int sourceFiles)
{
    // The repository and the lock are made outside the project's folder: they are not part of its tree.
    var scratch = Directory.CreateTempSubdirectory("mc-composerbench-").FullName;
    using var cleanup = new DeleteOnDispose(scratch);
    using var repository = new ComposerRepository(Path.Combine(scratch, "composer-repo"), packages: 6, payloadBytes: 2 << 20, sourceFiles: sourceFiles);
    var lockFolder = Path.Combine(scratch, "lock");
    Directory.CreateDirectory(lockFolder);
    File.WriteAllText(Path.Combine(lockFolder, "composer.json"), repository.ComposerJson());
    repository.Lock(lockFolder);
    var all = SshHosts().Select(Address).ToList();
    var buildRoot = Path.Combine(HostRootsParent(), SshHosts()[0], hostRun, "build");
    var app = App(build: "echo built > built.txt", deploy: "true").Replace("flavor: none", "flavor: composer");
    var deployments = await Project(app, all, new Dictionary<string, string>
    {
        ["composer.json"] = File.ReadAllText(Path.Combine(lockFolder, "composer.json")),
        ["composer.lock"] = File.ReadAllText(Path.Combine(lockFolder, "composer.lock")),
    });
    WriteTopology(all, buildRoot);
    Console.Error.WriteLine("warm-up build (new connection):");
    await deployments.BuildAsync("master", null, true, new TimedLog(Stopwatch.StartNew()), CancellationToken.None); // connections, tools warm
    var cold = new List<double>();
    var warm = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        foreach (var project in Directory.GetDirectories(buildRoot)) TryDelete(Path.Combine(project, "cache"));
        cold.Add(await TimedBuild());
        warm.Add(await TimedBuild());
        Console.Error.WriteLine($"empty cache {cold[^1]:0} ms, unchanged composer.lock {warm[^1]:0} ms");
    }
    return new
    {
        Packages = repository.Names.Count, SourceFiles = sourceFiles, FirstMs = cold.Min(), SecondMs = warm.Min(), Ratio = Math.Round(warm.Min() / cold.Min(), 3),
        MedianRatio = Math.Round(Median(warm) / Median(cold), 3),
    };

    async Task<double> TimedBuild()
    {
        var watch = Stopwatch.StartNew();
        await deployments.BuildAsync("master", null, true, new TimedLog(watch), CancellationToken.None);
        return watch.Elapsed.TotalMilliseconds;
    }
}

// Sending a tiny tree to the build host, step by step, on a new connection each run: connecting and
// starting the pooled shell (the first command), one more round trip, mkdir, the upload, the unpack;
// then the same upload and unpack as the build sends them (one command). Best of the runs.
async Task<object> TreeSend()
{
    await Project(App(build: "true", deploy: "true"));
    var tree = new MemoryStream();
    using (var repo = new Repository(ProjectRemote.ForWorkingCopy(root).GitDirectory))
    using (var gzip = new System.IO.Compression.GZipStream(tree, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        MagentoCloud.Engine.Build.TreeCheckout.WriteTar(repo.Branches["master"].Tip.Tree, gzip, repo.Branches["master"].Tip.Sha, CancellationToken.None);
    var phases = new Dictionary<string, List<double>>();
    var scratch = Path.Combine(HostRootsParent(), SshHosts()[0], hostRun, "treesend");
    for (var i = 0; i < runs; i++)
    {
        await using var host = new MagentoCloud.Engine.Transport.SshTransport(new MagentoCloud.Engine.Transport.SshConnectionInfo(
            MagentoCloud.Engine.Transport.SshHost.Parse(Address(SshHosts()[0])))
        {
            PrivateKeyPaths = [Required("MC_TEST_SSH_KEY")], KnownHostsPath = Required("MC_TEST_SSH_KNOWN_HOSTS"),
        });
        async Task Time(string name, MagentoCloud.Engine.Transport.CommandRequest request)
        {
            var watch = Stopwatch.StartNew();
            var result = await host.RunAsync(request, CancellationToken.None);
            if (result.ExitCode != 0) throw new InvalidOperationException($"{name}: exit {result.ExitCode} {result.Error}");
            if (!phases.ContainsKey(name)) phases[name] = [];
            phases[name].Add(watch.Elapsed.TotalMilliseconds);
        }
        var dir = $"{scratch}/{i}";
        await Time("1 connect + shell start + true", MagentoCloud.Engine.Transport.CommandRequest.Command("true"));
        await Time("2 one more round trip (true)", MagentoCloud.Engine.Transport.CommandRequest.Command("true"));
        await Time("3 mkdir -p", MagentoCloud.Engine.Transport.CommandRequest.Command("mkdir", "-p", dir + "/a", dir + "/b"));
        tree.Position = 0;
        await Time("4 upload (cat > file)", new MagentoCloud.Engine.Transport.CommandRequest { Script = $"cat > {dir}/tree.tar.gz", StandardInput = tree });
        await Time("5 unpack (tar -xzf file)", MagentoCloud.Engine.Transport.CommandRequest.Command("tar", "-xzf", dir + "/tree.tar.gz", "-C", dir + "/a"));
        tree.Position = 0;
        await Time("6 as a build sends it (mkdir + tar from stdin)", new MagentoCloud.Engine.Transport.CommandRequest
            { Script = $"mkdir -p {dir}/c && exec tar -xzf - -C {dir}/c", StandardInput = tree });
    }
    return new { TreeBytes = tree.Length, BestMs = phases.ToDictionary(p => p.Key, p => Math.Round(p.Value.Min(), 1)) };
}

// ssh user@host 'zstd -dcq | tar -xpf - -C <scratch>' < slug, on every host at once; the wall time.
async Task<double> RawUnpack(string slug, IReadOnlyList<string> hosts)
{
    string Host(string address) => address[(address.IndexOf('@') + 1)..address.LastIndexOf(':')];
    string Scratch(string address) => Path.Combine(HostRootsParent(), Host(address), hostRun, "plain-ssh");
    foreach (var address in hosts) TryDelete(Scratch(address)); // the last run's files, not timed
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(hosts.Select(async address =>
    {
        var host = Host(address);
        var scratch = Scratch(address);
        var start = new ProcessStartInfo("ssh") { RedirectStandardInput = true };
        foreach (var a in new[]
                 {
                     "-i", Required("MC_TEST_SSH_KEY"), "-p", Required("MC_TEST_SSH_PORT"), "-o", "BatchMode=yes",
                     "-o", $"UserKnownHostsFile={Required("MC_TEST_SSH_KNOWN_HOSTS")}", $"{Required("MC_TEST_SSH_USER")}@{host}",
                     $"mkdir -p {scratch} && zstd -dcq | tar -xpf - -C {scratch}",
                 })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        await using (var input = File.OpenRead(slug)) await input.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"plain ssh unpack on {host} exited {process.ExitCode}");
    }));
    return watch.Elapsed.TotalMilliseconds;
}

async Task<double> TimedDeploy(DeploymentService deployments, Action<CloudActivity>? inspect = null)
{
    var watch = Stopwatch.StartNew();
    var activity = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
    if (activity.Result != ActivityResult.Success) throw new InvalidOperationException("Deploy failed:\n" + activity.Log);
    inspect?.Invoke(activity);
    Console.Error.WriteLine($"deploy {watch.Elapsed.TotalMilliseconds:0} ms");
    return watch.Elapsed.TotalMilliseconds;
}

async Task<DeploymentService> Project(string app, IReadOnlyList<string>? hosts = null, IReadOnlyDictionary<string, string>? files = null)
{
    File.WriteAllText(Path.Combine(root, ".magento.app.yaml"), app);
    await new ProjectCreator().CreateAsync(root, "Bench");
    // The app as committed on master (the deploy reads the commit, not the working copy).
    using (var repo = new Repository(ProjectRemote.ForWorkingCopy(root).GitDirectory))
    {
        var head = repo.Branches["master"].Tip;
        var definition = TreeDefinition.From(head.Tree);
        definition.Add(".magento.app.yaml", repo.ObjectDatabase.CreateBlob(new MemoryStream(Encoding.UTF8.GetBytes(app))), Mode.NonExecutableFile);
        foreach (var (path, text) in files ?? new Dictionary<string, string>())
            definition.Add(path, repo.ObjectDatabase.CreateBlob(new MemoryStream(Encoding.UTF8.GetBytes(text))), Mode.NonExecutableFile);
        var signature = new Signature("Bench", "bench@example.com", DateTimeOffset.Now);
        var commit = repo.ObjectDatabase.CreateCommit(signature, signature, "bench app", repo.ObjectDatabase.CreateTree(definition), [head], false);
        repo.Refs.UpdateTarget(repo.Refs["refs/heads/master"], commit.Id, "bench");
    }
    if (hosts is not null) WriteTopology(hosts);
    return new DeploymentService(root, new StateStore(ProjectRemote.ForWorkingCopy(root)));
}

void WriteTopology(IReadOnlyList<string> hosts, string? buildRoot = null)
{
    var text = new StringBuilder(buildRoot is null ? "" :
        $"build:\n  host: {Address(SshHosts()[0])}\n  root: {buildRoot}\n  deploy_identity_file: {Required("MC_TEST_SSH_KEY")}\n");
    text.Append("environments:\n  master:\n    hosts:\n");
    foreach (var h in hosts) text.Append($"      - {h}\n");
    text.Append($"    root: {HostRootsParent()}/{{host}}/{hostRun}/{{environment}}\n")
        .Append($"    ssh:\n      identity_file: {Required("MC_TEST_SSH_KEY")}\n      known_hosts: {Required("MC_TEST_SSH_KNOWN_HOSTS")}\n");
    File.WriteAllText(Path.Combine(root, ".magento", "topology.yaml"), text.ToString());
}

static string App(string build, string deploy) => $"""
    name: app
    type: php:8.3
    build:
      flavor: none
    hooks:
      build: |
        {build}
      deploy: |
        {deploy}
    mounts:
      var: "shared:files/var"
    """;

static IReadOnlyList<string> SshHosts() => Required("MC_TEST_SSH_HOSTS").Split(' ', StringSplitOptions.RemoveEmptyEntries);

static string Address(string host) => $"{Required("MC_TEST_SSH_USER")}@{host}:{Required("MC_TEST_SSH_PORT")}";

static string HostRootsParent() => Path.GetDirectoryName(Required("MC_TEST_HOST_ROOTS").Split(' ')[0].TrimEnd('/'))!;

static string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
    ? v : throw new InvalidOperationException($"{name} is not set: start tests/infra first (the .Bench.ps1 script does).");

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return Round(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2);
}

static double Round(double value) => Math.Round(value, 1);

static void TryDelete(string path)
{
    try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
}

/// <summary>Writes each log line of a build to stderr with the time since it started.</summary>
sealed class TimedLog(Stopwatch watch) : IOperationObserver
{
    public void Progress(OperationProgress progress) => Console.Error.WriteLine($"  {watch.ElapsedMilliseconds,6} ms  [{progress.Status}]");

    public void Log(string line) => Console.Error.WriteLine($"  {watch.ElapsedMilliseconds,6} ms  {line}");

    public void Warning(string message) => Log(message);
}

/// <summary>Deletes a scratch folder when disposed.</summary>
sealed class DeleteOnDispose(string path) : IDisposable
{
    public void Dispose()
    {
        try { Directory.Delete(path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
