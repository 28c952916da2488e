using LibGit2Sharp;
using MagentoCloud.Engine.Configuration;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Tests.Project;

/// <summary>Each check of the launch checklist, against a project made from the template: a failing and a passing case.</summary>
public sealed class GoLiveCheckTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mc-golive-").FullName;
    private Workspace _workspace = null!;

    public async Task InitializeAsync() =>
        _workspace = await Workspace.CreateAsync(Path.Combine(_folder, "shop"), "Shop", SilentObserver.Instance, CancellationToken.None);

    public async Task DisposeAsync()
    {
        // Its MariaDB, nginx and PHP-FPM: they outlive the test on purpose, so it stops what it caused.
        await _workspace.LocalRuntime.StopAsync(SilentObserver.Instance, CancellationToken.None);
        Environments.TestProject.DeleteKeys(_workspace.State.Read(s => s.Project?.Id));
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private GoLiveCheck Check => new(Workspace.Open(_workspace.Root));

    private static IEnumerable<string> Codes(IEnumerable<CloudFinding> findings) => findings.Select(f => f.Code);

    private Task DeployAsync(string environment, string? commit = null) =>
        _workspace.Deployments.DeployAsync(environment, commit, SilentObserver.Instance, CancellationToken.None);

    /// <summary>Commits files in the working copy (even ignored ones).</summary>
    private void Commit(params (string Path, string Text)[] files)
    {
        using var repository = new Repository(_workspace.Root);
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(_workspace.Root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            repository.Index.Add(path);
        }
        repository.Index.Write();
        var signature = new Signature("Test", "test@example.com", DateTimeOffset.Now);
        repository.Commit("test change", signature, signature);
    }

    private void Write(string path, string text) => File.WriteAllText(Path.Combine(_workspace.Root, path), text);

    [Fact]
    public async Task Production_and_staging_must_be_deployed_with_a_live_release_and_a_successful_last_deploy()
    {
        var before = await Check.CheckDeploymentsAsync(CancellationToken.None);
        Assert.Equal(2, before.Count(f => f.Code == GoLiveCheck.NotDeployed && f.Severity == FindingSeverity.Error));

        await DeployAsync("staging");
        await DeployAsync("production");
        Assert.Empty(await Check.CheckDeploymentsAsync(CancellationToken.None));

        // A deploy that failed after the good one.
        var failed = await _workspace.Activities.StartAsync(ActivityType.Redeploy, "production", "Deploy", ["production"], null, CancellationToken.None);
        await _workspace.Activities.CompleteAsync(failed.Id, ActivityResult.Failure, ["hook failed"],
            [new CloudActivityStep { Name = MagentoCloud.Engine.Deploy.DeployPipeline.Steps[0].Name, Result = ActivityResult.Success },
             new CloudActivityStep { Name = "RunDeployHook", Result = ActivityResult.Failure }], null, CancellationToken.None);
        var afterFailure = Assert.Single(await Check.CheckDeploymentsAsync(CancellationToken.None));
        Assert.Equal(GoLiveCheck.LastDeployFailed, afterFailure.Code);
        Assert.Contains("RunDeployHook", afterFailure.Message);

        await DeployAsync("production");
        File.Delete(Path.Combine(_workspace.LocalDirectory, "environments", "staging", "current"));
        var noRelease = Assert.Single(await Check.CheckDeploymentsAsync(CancellationToken.None));
        Assert.Equal(GoLiveCheck.NoLiveRelease, noRelease.Code);
        Assert.Contains("'staging'", noRelease.Message);
    }

    [Fact]
    public async Task Production_must_answer_on_every_route_through_its_web_server()
    {
        await DeployAsync("staging");
        await DeployAsync("production");
        var url = Assert.Single(Workspace.Open(_workspace.Root).Environments.Get("production").Urls);
        Assert.Contains("production.", url);
        Assert.Empty(await Check.CheckDeploymentsAsync(CancellationToken.None));

        // A live release that nothing serves is not live.
        await _workspace.Deployments.StopRuntimeAsync("production", SilentObserver.Instance, CancellationToken.None);
        var silent = Assert.Single(await Check.CheckDeploymentsAsync(CancellationToken.None));
        Assert.Equal(GoLiveCheck.NotAnswering, silent.Code);
        Assert.Equal(FindingSeverity.Error, silent.Severity);
        Assert.Contains(url, silent.Message);
        Assert.Contains("on local", silent.Message);
        Assert.Contains("421", silent.Message);

        await _workspace.Deployments.StartRuntimeAsync("production", SilentObserver.Instance, CancellationToken.None);
        Assert.Empty(await Check.CheckDeploymentsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_named_production_that_does_not_exist_is_an_error_not_a_checklist()
    {
        var check = new GoLiveCheck(Workspace.Open(_workspace.Root)) { Production = "prod-typo" };
        var error = await Assert.ThrowsAsync<CloudException>(() => check.RunAsync(SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(CloudErrorId.EnvironmentNotFound, error.Id);
    }

    [Fact]
    public async Task Staging_must_run_the_same_tree_as_production()
    {
        await DeployAsync("staging");
        await DeployAsync("production");
        Assert.Empty(Check.CheckStagingTree());

        // A commit on staging only, with a different tree, deployed there.
        string changed;
        using (var repository = new Repository(_workspace.State.Remote.GitDirectory))
        {
            var head = repository.Branches["staging"].Tip;
            var definition = TreeDefinition.From(head.Tree);
            definition.Add("CHANGED.txt", repository.ObjectDatabase.CreateBlob(new MemoryStream("new\n"u8.ToArray())), Mode.NonExecutableFile);
            var signature = new Signature("T", "t@example.com", DateTimeOffset.Now);
            changed = repository.ObjectDatabase.CreateCommit(signature, signature, "staging only", repository.ObjectDatabase.CreateTree(definition), [head], false).Sha;
        }
        await DeployAsync("staging", changed);
        var finding = Assert.Single(Check.CheckStagingTree());
        Assert.Equal(GoLiveCheck.StagingTreeDiffers, finding.Code);
        Assert.Contains(changed[..12], finding.Message);
    }

    [Fact]
    public void EnvPhp_must_not_be_tracked()
    {
        Write("app/etc/env.php", "<?php return [];\n");
        Assert.Empty(Check.CheckEnvPhp());
        Commit(("app/etc/env.php", "<?php return ['db' => []];\n"));
        Assert.Equal([GoLiveCheck.EnvPhpTracked], Codes(Check.CheckEnvPhp()));
    }

    [Fact]
    public async Task Sensitive_values_and_literal_passwords_in_Git_are_found_without_printing_them()
    {
        const string secret = "Zq9-very-secret-42";
        await _workspace.Variables.SetAsync("env:PAYMENT_KEY", secret, "production", settings: new VariableSettings { Sensitive = true });
        await _workspace.Variables.SetAsync("env:SHOP_NAME", "My little shop", "production");
        Commit(("app/etc/db.php", "<?php return ['password' => '', 'user' => 'getenv'];\n"),
               ("deploy/settings.yaml", "database:\n  password_env: DB_PASS\n  password: \"${DB_PASS}\"\nbypass: true\n"),
               ("README.txt", "My little shop\n"));
        Assert.Empty(Check.CheckSecrets());

        Commit(("docs/setup.txt", $"curl -H 'Key: {secret}' https://pay.example\n"),
               ("app/etc/db.php", "<?php\nreturn [\n    'db_password' => 'hunter22',\n];\n"),
               ("deploy/settings.yaml", "database:\n  password_env: DB_PASS\n  password: hunter22\n"));
        var findings = Check.CheckSecrets();

        var leak = Assert.Single(findings, f => f.Code == GoLiveCheck.SecretInGit);
        Assert.Equal(("docs/setup.txt", 1), (leak.File, leak.Line));
        Assert.Contains("env:PAYMENT_KEY", leak.Message);
        var passwords = findings.Where(f => f.Code == GoLiveCheck.PasswordInGit).OrderBy(f => f.File).ToList();
        Assert.Equal([("app/etc/db.php", 3), ("deploy/settings.yaml", 3)], passwords.Select(f => (f.File, f.Line)));
        Assert.All(findings, f => Assert.DoesNotContain(secret, f.ToString()));
        Assert.All(findings, f => Assert.DoesNotContain("hunter22", f.ToString()));
    }

    [Fact]
    public void Routes_must_serve_https_and_redirect_http()
    {
        Assert.Empty(Check.CheckRoutes()); // the template: https upstream, http redirect
        Write(".magento/routes.yaml", "\"http://{default}/\":\n    type: upstream\n    upstream: \"mymagento:http\"\n");
        Assert.Equal([GoLiveCheck.NoHttpsRoute, GoLiveCheck.PlainHttpRoute], Codes(Check.CheckRoutes()));
    }

    [Fact]
    public void Crons_must_be_defined()
    {
        Assert.Empty(Check.CheckCrons());
        var app = Path.Combine(_workspace.Root, ".magento.app.yaml");
        var text = File.ReadAllText(app);
        File.WriteAllText(app, text[..text.IndexOf("crons:", StringComparison.Ordinal)]);
        Assert.Equal([GoLiveCheck.NoCrons], Codes(Check.CheckCrons()));
    }

    [Fact]
    public async Task A_recent_snapshot_must_exist()
    {
        var missing = Assert.Single(await Check.CheckSnapshotAsync(CancellationToken.None));
        Assert.Equal((GoLiveCheck.NoRecentSnapshot, FindingSeverity.Warning), (missing.Code, missing.Severity));
        Assert.Contains("has no snapshot", missing.Message);

        var workspace = Workspace.Open(_workspace.Root);
        var recent = new GoLiveCheck(workspace) { LatestSnapshot = (_, _) => Task.FromResult<DateTimeOffset?>(DateTimeOffset.Now.AddHours(-2)) };
        Assert.Empty(await recent.CheckSnapshotAsync(CancellationToken.None));
        var old = new GoLiveCheck(workspace) { LatestSnapshot = (_, _) => Task.FromResult<DateTimeOffset?>(DateTimeOffset.Now.AddDays(-3)) };
        Assert.Equal([GoLiveCheck.NoRecentSnapshot], Codes(await old.CheckSnapshotAsync(CancellationToken.None)));
        var none = new GoLiveCheck(workspace) { LatestSnapshot = (_, _) => Task.FromResult<DateTimeOffset?>(null) };
        Assert.Equal([GoLiveCheck.NoRecentSnapshot], Codes(await none.CheckSnapshotAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task No_Integration_environment_may_use_production_database()
    {
        await _workspace.Environments.BranchAsync("sprint-1");
        Write(".magento/topology.yaml", """
            environments:
              production:
                database: {host: db.internal, port: 3306, name: main, user: main, password_env: DB_PASS}
              development:
                database: {host: db.internal, port: 3306, name: "{environment}", user: main, password_env: DB_PASS}
            """);
        Assert.Empty(Check.CheckDatabaseTopology());

        Write(".magento/topology.yaml", """
            environments:
              production:
                database: {host: db.internal, port: 3306, name: main, user: main, password_env: DB_PASS}
              sprint-1:
                database: {host: DB.internal, port: 3306, name: main, user: other, password_env: DB_PASS}
            """);
        var finding = Assert.Single(Check.CheckDatabaseTopology());
        Assert.Equal((GoLiveCheck.SharedDatabase, FindingSeverity.Error), (finding.Code, finding.Severity));
        Assert.Contains("sprint-1", finding.Message);
    }

    [Fact]
    public async Task A_production_database_that_cannot_be_reached_is_a_warning()
    {
        Write(".magento/topology.yaml", """
            environments:
              production:
                database: {host: 127.0.0.1, port: 1, name: main, user: main, password_env: MC_TEST_NO_SUCH_VARIABLE}
            """);
        var finding = Assert.Single(await Check.CheckConfigAsync(SilentObserver.Instance, CancellationToken.None));
        Assert.Equal((GoLiveCheck.DatabaseUnreachable, FindingSeverity.Warning), (finding.Code, finding.Severity));
    }

    [Fact]
    public async Task ConfigPhp_must_be_committed_unchanged_and_match_production_database()
    {
        // Production's database (the local default's private server) holds Magento's tables.
        await using (var database = await _workspace.OpenDatabaseAsync("production", SilentObserver.Instance, CancellationToken.None))
            await MagentoSchema.CreateAsync(database.Endpoint, CancellationToken.None);
        var configuration = ConfigurationService.ForWorkspace(_workspace);
        await configuration.ExportAsync("production", ConfigExportMode.Minimal, whatIf: false, SilentObserver.Instance, CancellationToken.None);
        var exported = File.ReadAllText(Path.Combine(_workspace.Root, "app", "etc", "config.php"));
        Commit(("app/etc/config.php", exported));
        Assert.Empty(await Check.CheckConfigAsync(SilentObserver.Instance, CancellationToken.None));

        // Uncommitted in the working copy.
        Write("app/etc/config.php", exported + "\n// local edit\n");
        Assert.Equal([GoLiveCheck.ConfigPhpUncommitted], Codes(await Check.CheckConfigAsync(SilentObserver.Instance, CancellationToken.None)));

        // Committed, but production's database has moved on: a website was added there.
        Write("app/etc/config.php", exported);
        await using (var database = await _workspace.OpenDatabaseAsync("production", SilentObserver.Instance, CancellationToken.None))
        {
            await using var connection = new MySqlConnector.MySqlConnection(LocalDatabaseServer.ConnectionString(database.Endpoint));
            await connection.OpenAsync();
            await using var insert = new MySqlConnector.MySqlCommand(
                "INSERT INTO store_website (website_id, code, name, sort_order, default_group_id, is_default) VALUES (7, 'outlet', 'Outlet', 0, 0, 0)", connection);
            await insert.ExecuteNonQueryAsync();
        }
        var outdated = Assert.Single(await Check.CheckConfigAsync(SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(GoLiveCheck.ConfigPhpOutdated, outdated.Code);
        Assert.Contains("outlet", outdated.Message);

        // Not committed at all.
        using (var repository = new Repository(_workspace.Root))
        {
            repository.Index.Remove("app/etc/config.php");
            repository.Index.Write();
            var signature = new Signature("Test", "test@example.com", DateTimeOffset.Now);
            repository.Commit("drop config.php", signature, signature);
        }
        Assert.Equal([GoLiveCheck.ConfigPhpMissing], Codes(await Check.CheckConfigAsync(SilentObserver.Instance, CancellationToken.None)));
    }

    [Fact]
    public async Task ConfigPhp_in_ISO_8859_1_is_compared_byte_for_byte_with_the_committed_one()
    {
        await using (var database = await _workspace.OpenDatabaseAsync("production", SilentObserver.Instance, CancellationToken.None))
            await MagentoSchema.CreateAsync(database.Endpoint, CancellationToken.None);
        await ConfigurationService.ForWorkspace(_workspace).ExportAsync("production", ConfigExportMode.Minimal, whatIf: false, SilentObserver.Instance, CancellationToken.None);
        var path = Path.Combine(_workspace.Root, "app", "etc", "config.php");
        byte[] exported = File.ReadAllBytes(path);
        File.WriteAllBytes(path, [.. exported, .. "// Caf"u8, 0xE9, .. "\n"u8]);
        using (var repository = new Repository(_workspace.Root))
        {
            repository.Index.Add("app/etc/config.php");
            repository.Index.Write();
            var signature = new Signature("Test", "test@example.com", DateTimeOffset.Now);
            repository.Commit("config.php saved as ISO-8859-1", signature, signature);
        }
        Assert.Empty(await Check.CheckConfigAsync(SilentObserver.Instance, CancellationToken.None));

        // Another byte that is not UTF-8 either: a change all the same.
        File.WriteAllBytes(path, [.. exported, .. "// Caf"u8, 0xFC, .. "\n"u8]);
        Assert.Equal([GoLiveCheck.ConfigPhpUncommitted], Codes(await Check.CheckConfigAsync(SilentObserver.Instance, CancellationToken.None)));
    }

    [Fact]
    public async Task The_whole_check_of_a_fresh_project_lists_what_is_missing_before_launch()
    {
        var findings = await Check.RunAsync(SilentObserver.Instance, CancellationToken.None);
        Assert.Contains(findings, f => f.Code == GoLiveCheck.NotDeployed);
        Assert.Contains(findings, f => f.Code == GoLiveCheck.NoRecentSnapshot);
        Assert.DoesNotContain(findings, f => f.Code is GoLiveCheck.NoHttpsRoute or GoLiveCheck.NoCrons or GoLiveCheck.EnvPhpTracked or GoLiveCheck.SharedDatabase);
    }
}
