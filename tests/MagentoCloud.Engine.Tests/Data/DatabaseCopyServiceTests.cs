using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Tests.Environments;
using static MagentoCloud.Engine.Tests.Data.DatabaseTransferTests;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>One local-default project (one private MariaDB server) for the environment-level data tests.</summary>
public sealed class DataProjectFixture : IAsyncLifetime
{
    public TestProject Project { get; private set; } = null!;

    public Workspace Workspace { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Project = await TestProject.CreateAsync();
        Workspace = Workspace.Open(Project.Root);
        await using var production = await Workspace.OpenDatabaseAsync("production", SilentObserver.Instance, CancellationToken.None);
        await SeedAsync(production.Endpoint);
        await using var master = await Workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None);
        await SeedAsync(master.Endpoint);
    }

    public async Task<DatabaseEndpoint> EndpointAsync(string environment)
    {
        await using var database = await Workspace.OpenDatabaseAsync(environment, SilentObserver.Instance, CancellationToken.None);
        return database.Endpoint;
    }

    public async Task DisposeAsync()
    {
        await new LocalDatabaseServer(Workspace.LocalDirectory).StopAsync(CancellationToken.None);
        Project.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DataProjectCollection : ICollectionFixture<DataProjectFixture>
{
    public const string Name = "Local-default project with data";
}

[Collection(DataProjectCollection.Name)]
public sealed class DatabaseCopyServiceTests(DataProjectFixture fixture)
{
    private Workspace Workspace => fixture.Workspace;

    private DatabaseCopyService Service => new(Workspace);

    [Fact]
    public async Task Copy_into_production_is_refused_without_force_and_leaves_it_unchanged()
    {
        var before = await FingerprintAsync(await fixture.EndpointAsync("production"));

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            Service.CopyAsync("master", "production", new DatabaseCopyOptions(), SilentObserver.Instance, CancellationToken.None));

        Assert.Equal(CloudErrorId.EnvironmentProtected, error.Id);
        Assert.Contains("-Force", error.Message);
        Assert.Equal(before, await FingerprintAsync(await fixture.EndpointAsync("production")));
    }

    [Fact]
    public async Task A_sanitize_file_nested_too_deep_stops_the_copy_before_any_database_or_snapshot()
    {
        var file = Path.Combine(Workspace.Root, SanitizeRules.ProjectFile);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, new string('[', 100_000));
        try
        {
            // master holds data (the fixture seeds it): a copy into it would snapshot it first.
            var snapshots = new SnapshotService(Workspace).List("master").Count;
            var error = await Assert.ThrowsAsync<CloudException>(() =>
                Service.CopyAsync("production", "master", new DatabaseCopyOptions(), SilentObserver.Instance, CancellationToken.None));
            Assert.Equal(CloudErrorId.SanitizeRulesInvalid, error.Id);
            Assert.Contains(".magento/sanitize.yaml:1", error.Message);
            Assert.Equal(snapshots, new SnapshotService(Workspace).List("master").Count);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Copy_from_production_sanitizes_by_default_snapshots_the_destination_and_is_an_activity()
    {
        var first = await Service.CopyAsync("production", "staging", new DatabaseCopyOptions(), SilentObserver.Instance, CancellationToken.None);
        var second = await Service.CopyAsync("production", "staging", new DatabaseCopyOptions { Strip = ["@sessions"] }, SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(DatabaseCopyStatus.Successful, second.Status);
        Assert.True(second.Sanitized);
        Assert.True(second.SanitizedColumns > 20);
        Assert.Contains("session", second.StrippedTables);
        Assert.True(second.Rows > 10);
        Assert.Empty(await FindPersonalDataAsync(await fixture.EndpointAsync("staging")));
        // The second copy overwrote a database with tables: it took a snapshot first.
        Assert.NotNull(second.Snapshot);
        Assert.Contains(new SnapshotService(Workspace).List("staging"), s => s.Id == second.Snapshot);
        Assert.Contains(Workspace.Activities.List("staging", ActivityType.DatabaseCopy), a => a.Result == ActivityResult.Success);
        Assert.NotNull(first);
    }

    [Fact]
    public async Task Rules_that_match_no_table_refuse_a_copy_out_of_production_unless_forced_and_warn_elsewhere()
    {
        var rulesFile = Path.Combine(fixture.Project.Root, SanitizeRules.ProjectFile);
        File.WriteAllText(rulesFile, "inherit: false\n");
        try
        {
            var before = await FingerprintAsync(await fixture.EndpointAsync("staging"));
            var error = await Assert.ThrowsAsync<CloudException>(() =>
                Service.CopyAsync("production", "staging", new DatabaseCopyOptions(), SilentObserver.Instance, CancellationToken.None));
            Assert.Equal(CloudErrorId.SanitizeRulesMatchNothing, error.Id);
            Assert.Contains("inherit: false", error.Message);
            Assert.Contains("-Force", error.Message);
            Assert.Equal(before, await FingerprintAsync(await fixture.EndpointAsync("staging")));

            var warnings = new WarningsObserver();
            var forced = await Service.CopyAsync("production", "staging", new DatabaseCopyOptions { Force = true }, warnings, CancellationToken.None);
            Assert.Contains(warnings.Messages, w => w.StartsWith("No sanitizing rule matches any of", StringComparison.Ordinal));
            Assert.Contains(forced.Notes, n => n.StartsWith("No sanitizing rule matches any of", StringComparison.Ordinal));
            // The guesses still replaced what names and contents give away, and say where, to be named in rules.
            Assert.Contains(forced.SanitizeFindings, f => f is { Table: "customer_entity", Column: "email", Reason: SanitizeFindingReason.NameLooksPersonal });
            Assert.Contains(forced.SanitizeFindings, f => f is { Table: "session", Column: "session_data", Reason: SanitizeFindingReason.HeldEmailAddresses });
            Assert.Contains(warnings.Messages, w => w.Contains("customer_entity.email") && w.Contains(SanitizeRules.ProjectFile));
            Assert.Empty((await FindPersonalDataAsync(await fixture.EndpointAsync("staging"))).Where(found => found.Contains('@')));

            var elsewhere = new WarningsObserver();
            await Service.CopyAsync("master", "staging", new DatabaseCopyOptions { Sanitize = true }, elsewhere, CancellationToken.None);
            Assert.Contains(elsewhere.Messages, w => w.StartsWith("No sanitizing rule matches any of", StringComparison.Ordinal));

            // An export of Production's data is refused before anything is dumped, unless forced.
            var file = Path.Combine(fixture.Project.Root, "..", $"{Guid.NewGuid():N}.sql");
            try
            {
                var refused = await Assert.ThrowsAsync<CloudException>(() => Service.ExportAsync("production", file, DumpCompression.None,
                    new DatabaseCopyOptions { Sanitize = true }, SilentObserver.Instance, CancellationToken.None));
                Assert.Equal(CloudErrorId.SanitizeRulesMatchNothing, refused.Id);
                Assert.False(File.Exists(file));
                var export = await Service.ExportAsync("production", file, DumpCompression.None,
                    new DatabaseCopyOptions { Sanitize = true, Force = true }, SilentObserver.Instance, CancellationToken.None);
                Assert.Contains(export.Notes, n => n.StartsWith("No sanitizing rule matches any of", StringComparison.Ordinal));
                Assert.DoesNotContain("wilhelmina.quartz@mailbox.example", File.ReadAllText(file));
            }
            finally
            {
                File.Delete(file);
            }
        }
        finally
        {
            File.Delete(rulesFile);
        }
    }

    private sealed class WarningsObserver : IOperationObserver
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

        public void Progress(OperationProgress progress) { }

        public void Log(string line) { }

        public void Warning(string message) => Messages.Enqueue(message);
    }

    [Theory]
    [InlineData(DumpCompression.None, "dump.sql")]
    [InlineData(DumpCompression.Gzip, "dump.sql.gz")]
    [InlineData(DumpCompression.Zstd, "dump.sql.zst")]
    public async Task Export_and_import_round_trip_for_each_compression(DumpCompression compression, string name)
    {
        var branch = $"rt-{compression.ToString().ToLowerInvariant()}";
        await Workspace.Environments.BranchAsync(branch, "master");
        var path = Path.Combine(fixture.Project.Root, "..", $"{Guid.NewGuid():N}-{name}");
        try
        {
            var export = await Service.ExportAsync("master", path, compression, new DatabaseCopyOptions(), SilentObserver.Instance, CancellationToken.None);
            var import = await Service.ImportAsync(branch, path, new DatabaseCopyOptions(), SilentObserver.Instance, CancellationToken.None);

            Assert.True(export.Tables > 10);
            Assert.Contains($"Read a {compression} dump.", import.Notes);
            Assert.Equal(await FingerprintAsync(await fixture.EndpointAsync("master")), await FingerprintAsync(await fixture.EndpointAsync(branch)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Snapshot_and_restore_bring_back_the_database_and_the_mounts()
    {
        await Workspace.Environments.BranchAsync("snap", "master");
        await Service.SyncDataAsync("snap", new DatabaseCopyOptions { NoSnapshot = true }, SilentObserver.Instance, CancellationToken.None);
        var shared = Path.Combine(Workspace.LocalDirectory, "environments", "snap", "shared", "pub", "media");
        Directory.CreateDirectory(shared);
        File.WriteAllText(Path.Combine(shared, "logo.png"), "original");
        var endpoint = await fixture.EndpointAsync("snap");
        var before = await FingerprintAsync(endpoint);

        var snapshot = await new SnapshotService(Workspace).CreateAsync("snap", SilentObserver.Instance, CancellationToken.None);
        await ExecuteAsync(endpoint, "DELETE FROM customer_entity", "CREATE TABLE added (id int) ENGINE=InnoDB");
        File.WriteAllText(Path.Combine(shared, "logo.png"), "changed");
        File.WriteAllText(Path.Combine(shared, "new.png"), "new");
        await new SnapshotService(Workspace).RestoreAsync("snap", snapshot.Id, SilentObserver.Instance, CancellationToken.None);

        Assert.True(snapshot.FilesBytes > 0);
        Assert.Equal(before, await FingerprintAsync(endpoint));
        Assert.Equal("original", File.ReadAllText(Path.Combine(shared, "logo.png")));
        Assert.False(File.Exists(Path.Combine(shared, "new.png")));
        Assert.Equal([], Directory.GetDirectories(Path.Combine(Workspace.LocalDirectory, "environments", "snap"), "shared*").Select(Path.GetFileName).Where(n => n != "shared"));
    }

    [Fact]
    public async Task New_branch_clone_and_sync_data_copy_the_parents_database_and_mounts()
    {
        var parentShared = Path.Combine(Workspace.LocalDirectory, "environments", "master", "shared", "var");
        Directory.CreateDirectory(parentShared);
        File.WriteAllText(Path.Combine(parentShared, "import.csv"), "sku,qty\n");
        await Workspace.Environments.BranchAsync("clone", "master");

        var clone = await Service.CloneFromParentAsync("clone", SilentObserver.Instance, CancellationToken.None);
        Assert.Equal(DatabaseCopyStatus.Successful, clone.Status);
        Assert.False(clone.Sanitized); // master is not Production
        var master = await FingerprintAsync(await fixture.EndpointAsync("master"));
        Assert.Equal(master, await FingerprintAsync(await fixture.EndpointAsync("clone")));
        Assert.True(File.Exists(Path.Combine(Workspace.LocalDirectory, "environments", "clone", "shared", "var", "import.csv")));

        await ExecuteAsync(await fixture.EndpointAsync("clone"), "DELETE FROM sales_order");
        var sync = await Service.SyncDataAsync("clone", new DatabaseCopyOptions(), SilentObserver.Instance, CancellationToken.None);
        Assert.NotNull(sync.Snapshot);
        Assert.Equal(master, await FingerprintAsync(await fixture.EndpointAsync("clone")));
        Assert.Contains(Workspace.Activities.List("clone", ActivityType.Synchronize), a => a.Result == ActivityResult.Success);
    }

    [Fact]
    public async Task Cloning_from_a_parent_with_an_empty_database_copies_nothing_and_says_so()
    {
        await Workspace.Environments.BranchAsync("empty-parent", "master");
        await Workspace.Environments.BranchAsync("empty-child", "empty-parent");

        var clone = await Service.CloneFromParentAsync("empty-child", SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(DatabaseCopyStatus.Skipped, clone.Status);
        Assert.Contains(clone.Notes, n => n.Contains("nothing"));
    }
}
