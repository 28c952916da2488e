using System.Diagnostics;
using System.Text.Json;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Tests.Build;

namespace MagentoCloud.Engine.Tests.Deploy;

public sealed class DeployPipelineTests : IDisposable
{
    private readonly TestApp _app = new();

    [Fact]
    public async Task Deploy_puts_the_release_live_with_mounts_variables_and_no_maintenance()
    {
        var commit = _app.Commit();
        var outcome = await _app.DeployAsync(commit);

        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Equal(outcome.Release, _app.CurrentRelease());
        Assert.Equal(DeployPipeline.Steps.Select(s => s.Name), outcome.Steps.Select(s => s.Name));
        Assert.All(outcome.Steps, s => Assert.True(s.Succeeded));
        var current = Path.Combine(_app.EnvironmentRoot, "current");
        Assert.Equal("<?php echo 'hello';\n", File.ReadAllText(Path.Combine(current, "index.php")));
        Assert.Equal("../../shared/var", new FileInfo(Path.Combine(current, "var")).LinkTarget);
        Assert.Equal("../../../shared/media", new FileInfo(Path.Combine(current, "pub", "media")).LinkTarget);
        // The deploy hook saw the runtime variables, which sit in a file only the owner reads.
        Assert.Equal("eyJkYXRhYmFzZSI6W119", File.ReadAllText(Path.Combine(_app.EnvironmentRoot, "shared", "var", "deploy-relationships.txt")));
        var runtime = Path.Combine(_app.EnvironmentRoot, DeployHost.RuntimeFile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(runtime));
        Assert.Contains("export MAGENTO_CLOUD_RELATIONSHIPS=", File.ReadAllText(runtime));
        Assert.Contains("export MAGENTO_CLOUD_RELEASE=", File.ReadAllText(Path.Combine(current, DeployHost.ReleaseFile)));
        Assert.False(File.Exists(Path.Combine(_app.EnvironmentRoot, DeployHost.NextRuntimeFile)));
        Assert.Contains(outcome.Log, l => l.Contains("deploying in"));
        Assert.Contains(outcome.Log, l => l.Contains("post-deploy"));
        Assert.False(_app.LockExists);
        Assert.False(_app.MaintenanceOn);
        var releases = JsonSerializer.Deserialize<List<ReleaseRecord>>(File.ReadAllText(Path.Combine(_app.EnvironmentRoot, "releases.json")))!;
        Assert.Equal(commit, Assert.Single(releases).Commit);
        Assert.Contains("*/5 * * * *", File.ReadAllText(Path.Combine(_app.EnvironmentRoot, "crontab")));
    }

    [Fact]
    public async Task Runtime_secrets_sit_once_in_the_environment_root_and_no_release_keeps_a_rotated_one()
    {
        var commit = _app.Commit();
        var old = "old-" + Guid.NewGuid().ToString("N");
        var rotated = "rotated-" + Guid.NewGuid().ToString("N");
        var unused = "unused-" + Guid.NewGuid().ToString("N");
        Assert.True((await DeployWithSecretAsync(commit, old)).Succeeded);
        var second = await DeployWithSecretAsync(commit, rotated);
        Assert.True(second.Succeeded, second.Summary);
        // A deploy that fails leaves the live variables as they were and its own nowhere.
        var failing = _app.Commit(TestApp.DefaultApp.Replace("echo \"deploying in $PWD\"", "echo \"secret is $DB_PASSWORD\"; exit 3"));
        Assert.False((await DeployWithSecretAsync(failing, unused)).Succeeded);

        var runtime = Path.Combine(_app.EnvironmentRoot, DeployHost.RuntimeFile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(runtime));
        Assert.Contains(rotated, File.ReadAllText(runtime));
        foreach (var file in Directory.EnumerateFiles(_app.EnvironmentRoot, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains(old) || text.Contains(unused), $"{file} holds a secret that is no longer the environment's");
        }
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(_app.EnvironmentRoot, DeployHost.ReleasesFolder)).Length);
        var results = await new DeployHost(new MagentoCloud.Engine.Transport.LocalTransport(), _app.EnvironmentRoot).RunAsync(
            $"{DeployHost.EnterRelease(DeployHost.CurrentLink)} && echo \"$DB_PASSWORD $MAGENTO_CLOUD_RELEASE\"");
        Assert.Equal($"{rotated} {second.Release}\n", results.Output);
    }

    private Task<DeployOutcome> DeployWithSecretAsync(string commit, string secret)
    {
        var context = _app.Context(commit);
        return DeployPipeline.RunAsync(new DeployContext
        {
            Environment = context.Environment,
            Builder = context.Builder,
            Build = context.Build,
            Hosts = context.Hosts,
            RuntimeVariables = new Dictionary<string, string>(context.RuntimeVariables) { ["DB_PASSWORD"] = secret },
            // As a deploy knows the database's password (what hooks print of it is blanked in the logs).
            Mask = new SecretMask([secret]),
            KeepReleases = context.KeepReleases,
            InstallCrontab = false,
        }, CancellationToken.None);
    }

    [Fact]
    public async Task Redeploy_of_an_unchanged_tree_reuses_the_slug_and_keeps_shared_files()
    {
        var commit = _app.Commit();
        var first = await _app.DeployAsync(commit);
        File.WriteAllText(Path.Combine(_app.EnvironmentRoot, "shared", "media", "photo.jpg"), "jpeg");
        var second = await _app.DeployAsync(commit);

        Assert.True(second.Succeeded, second.Summary);
        Assert.False(first.Slug!.Reused);
        Assert.True(second.Slug!.Reused);
        Assert.NotEqual(first.Release, second.Release);
        Assert.Equal(second.Release, _app.CurrentRelease());
        Assert.Equal("jpeg", File.ReadAllText(Path.Combine(_app.EnvironmentRoot, "current", "pub", "media", "photo.jpg")));
    }

    [Fact]
    public async Task Old_releases_are_pruned_to_the_number_kept()
    {
        var commit = _app.Commit();
        for (var i = 0; i < 4; i++)
            Assert.True((await _app.DeployAsync(commit, keep: 2)).Succeeded);
        var folders = Directory.GetDirectories(Path.Combine(_app.EnvironmentRoot, "releases"));
        Assert.Equal(2, folders.Length);
        Assert.Contains(folders, f => Path.GetFileName(f) == _app.CurrentRelease());
    }

    [Fact]
    public async Task Deploy_with_failing_build_hook_keeps_previous_release_live()
    {
        var previous = await DeployGoodAsync();
        var commit = _app.Commit(TestApp.DefaultApp.Replace("mkdir -p generated", "exit 7"));
        var outcome = await _app.DeployAsync(commit);
        AssertFailedAndPreviousLive(outcome, "BuildOrReuseSlug", previous);
        Assert.Contains("exit code 7", outcome.Summary);
    }

    [Fact]
    public async Task Deploy_with_failing_deploy_hook_keeps_previous_release_live()
    {
        var previous = await DeployGoodAsync();
        var commit = _app.Commit(TestApp.DefaultApp.Replace("echo \"deploying in $PWD\"", "echo 'migration failed' >&2; exit 2"));
        var outcome = await _app.DeployAsync(commit);
        AssertFailedAndPreviousLive(outcome, "RunDeployHook", previous);
        Assert.Contains("migration failed", outcome.Summary);
        // The new release's folder is gone; the previous one serves.
        Assert.False(Directory.Exists(Path.Combine(_app.EnvironmentRoot, "releases", outcome.Release!)));
        var releases = JsonSerializer.Deserialize<List<ReleaseRecord>>(File.ReadAllText(Path.Combine(_app.EnvironmentRoot, "releases.json")))!;
        Assert.DoesNotContain(releases, r => r.Id == outcome.Release);
    }

    [Fact]
    public async Task Deploy_with_failing_post_deploy_hook_leaves_the_new_release_live_and_says_so()
    {
        await DeployGoodAsync();
        var commit = _app.Commit(TestApp.DefaultApp.Replace("echo post-deploy", "exit 5"));
        var outcome = await _app.DeployAsync(commit);

        Assert.False(outcome.Succeeded);
        Assert.Equal("RunPostDeployHook", outcome.FailedStep);
        Assert.True(outcome.NewReleaseLive);
        Assert.Equal(outcome.Release, _app.CurrentRelease());
        Assert.Contains("stays live", outcome.Summary);
        Assert.False(_app.LockExists);
        Assert.False(_app.MaintenanceOn);
    }

    [Fact]
    public async Task Deploy_of_a_slug_escaping_the_release_is_refused_before_any_host_is_touched()
    {
        var previous = await DeployGoodAsync();
        var commit = _app.Commit(files: new Dictionary<string, string> { ["tampered.txt"] = "x" });
        // Build it, then replace the stored archive by one with an entry that climbs out.
        var built = await new MagentoCloud.Engine.Build.SlugBuilder(_app.Store).BuildAsync(_app.Request(commit), SilentObserver.Instance, CancellationToken.None);
        SlugArchiveTests.WriteTo(built.Slug.Path, ("index.php", null), ("../../../escaped.php", null));

        var outcome = await _app.DeployAsync(commit);
        AssertFailedAndPreviousLive(outcome, "UploadRelease", previous);
        Assert.Contains("unsafe", outcome.Summary);
        Assert.False(File.Exists(Path.Combine(_app.Directory, "escaped.php")));
        Assert.False(File.Exists(Path.Combine(_app.EnvironmentRoot, "escaped.php")));
    }

    [Fact]
    public async Task Second_deploy_while_one_runs_is_refused_naming_the_holder_and_since()
    {
        var previous = await DeployGoodAsync();
        var slow = _app.Commit(TestApp.DefaultApp.Replace("echo \"deploying in $PWD\"", "touch ../../deploy-started; sleep 3"));
        var first = _app.DeployAsync(slow);
        var started = Path.Combine(_app.EnvironmentRoot, "deploy-started");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(started) && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20);

        var second = await _app.DeployAsync(previous.Commit!);
        AssertFailedStep(second, "TakeEnvironmentLock");
        var error = Assert.IsType<CloudException>(second.Error);
        Assert.Equal(CloudErrorId.DeployLocked, error.Id);
        Assert.Contains($"process {Environment.ProcessId}", error.Message);
        Assert.Contains(" since ", error.Message);
        Assert.True(_app.LockExists); // the refused deploy did not release the other's lock

        var firstOutcome = await first;
        Assert.True(firstOutcome.Succeeded, firstOutcome.Summary);
        Assert.Equal(firstOutcome.Release, _app.CurrentRelease());
        Assert.False(_app.LockExists);
        Assert.False(_app.MaintenanceOn);
    }

    [Fact]
    public async Task Stale_lock_of_a_killed_deploy_is_recovered_and_the_log_says_so()
    {
        var previous = await DeployGoodAsync();
        // A deploying process killed outright: its lock stays behind.
        using var killed = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        var stale = new DeployLock
        {
            Holder = "ops@" + Environment.MachineName, Pid = killed.Id, Host = Environment.MachineName,
            Since = DateTimeOffset.Now, Activity = "abandoned",
        };
        File.WriteAllText(Path.Combine(_app.EnvironmentRoot, DeployHost.LockFile), JsonSerializer.Serialize(stale));
        killed.Kill();
        await killed.WaitForExitAsync();

        var outcome = await _app.DeployAsync(_app.Commit(files: new Dictionary<string, string> { ["new.txt"] = "1" }));
        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Contains(outcome.Log, l => l.Contains("Recovered a stale lock") && l.Contains($"process {killed.Id}"));
        Assert.NotEqual(previous.Release, _app.CurrentRelease());
        Assert.False(_app.LockExists);
    }

    [Fact]
    public async Task Lock_held_by_a_live_process_is_not_taken_over()
    {
        await DeployGoodAsync();
        using var alive = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        try
        {
            var holder = new DeployLock { Holder = "ops@elsewhere", Pid = alive.Id, Host = Environment.MachineName, Since = DateTimeOffset.Now.AddSeconds(-1) };
            File.WriteAllText(Path.Combine(_app.EnvironmentRoot, DeployHost.LockFile), JsonSerializer.Serialize(holder));
            var outcome = await _app.DeployAsync(_app.Commit());
            AssertFailedStep(outcome, "TakeEnvironmentLock");
            Assert.Contains("ops@elsewhere", outcome.Summary);
            Assert.True(_app.LockExists);
        }
        finally
        {
            alive.Kill();
        }
    }

    [Fact]
    public async Task Lock_of_a_deploy_on_another_machine_is_never_recovered_from_here_and_the_error_names_that_machine()
    {
        await DeployGoodAsync();
        using var dead = Process.Start(new ProcessStartInfo("true"))!;
        await dead.WaitForExitAsync();
        // The pid is dead here, but it was a pid on another machine: nothing here can tell.
        var holder = new DeployLock
        {
            Holder = "ops@build-7", Pid = dead.Id, Host = "build-7", MachineId = "0123456789abcdef0123456789abcdef",
            Since = DateTimeOffset.Now.AddMinutes(-3), Activity = "elsewhere",
        };
        File.WriteAllText(Path.Combine(_app.EnvironmentRoot, DeployHost.LockFile), JsonSerializer.Serialize(holder));
        var outcome = await _app.DeployAsync(_app.Commit());
        AssertFailedStep(outcome, "TakeEnvironmentLock");
        Assert.Contains($"process {dead.Id} on build-7", outcome.Summary);
        Assert.Contains("runs on build-7, not here", outcome.Summary);
        Assert.True(_app.LockExists);

        // Same host name, another machine id: a clone with the same name is still another machine.
        holder.Host = Environment.MachineName;
        File.WriteAllText(Path.Combine(_app.EnvironmentRoot, DeployHost.LockFile), JsonSerializer.Serialize(holder));
        var (_, machineId) = DeployLock.ThisMachine();
        outcome = await _app.DeployAsync(_app.Commit());
        if (machineId is not null) AssertFailedStep(outcome, "TakeEnvironmentLock");
        else Assert.True(outcome.Succeeded, outcome.Summary);
    }

    private async Task<DeployOutcome> DeployGoodAsync()
    {
        var outcome = await _app.DeployAsync(_app.Commit());
        Assert.True(outcome.Succeeded, outcome.Summary);
        return outcome;
    }

    private void AssertFailedAndPreviousLive(DeployOutcome outcome, string step, DeployOutcome previous)
    {
        AssertFailedStep(outcome, step);
        Assert.False(outcome.NewReleaseLive);
        Assert.Equal(previous.Release, _app.CurrentRelease());
        Assert.Equal(previous.Release, outcome.LiveRelease);
        Assert.False(_app.LockExists);
        Assert.False(_app.MaintenanceOn);
        Assert.True(File.Exists(Path.Combine(_app.EnvironmentRoot, "current", "index.php")));
    }

    private static void AssertFailedStep(DeployOutcome outcome, string step)
    {
        Assert.False(outcome.Succeeded);
        Assert.Equal(step, outcome.FailedStep);
        Assert.Contains(outcome.Steps, s => s.Name == step && !s.Succeeded);
        Assert.Contains(step, outcome.Summary);
    }

    public void Dispose() => _app.Dispose();
}
