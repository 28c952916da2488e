using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Tests.Environments;
using static MagentoCloud.Engine.Tests.Data.DatabaseTransferTests;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>
/// A copy down from production to staging on the test services' hosts and MariaDB: staging's core_config_data ends
/// with staging's URLs and the overrides file's values, and never with one of production's host names.
/// </summary>
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class CopyDownSettingsTests
{
    private static string? Env(string name) => Environment.GetEnvironmentVariable(name);

    /// <summary>production (https://shop.example.com) on the second test host, staging (https://staging.shop.example.com) on the third.</summary>
    private static async Task<(TestProject Project, Workspace Workspace)> CreateAsync()
    {
        if (Env("MC_TEST_SSH_HOSTS") is not { } hostList || Env("MC_TEST_DB_PORT") is null)
            throw new InvalidOperationException("The test services are not running: start tests/infra/start.sh and source its services.env first.");
        var hosts = hostList.Split(' ');
        var roots = Env("MC_TEST_HOST_ROOTS")!.Split(' ');
        var run = Guid.NewGuid().ToString("N")[..6];
        var project = await TestProject.CreateAsync();
        string Entry(int host, string url) => $"""
                hosts: ["{Env("MC_TEST_SSH_USER")}@{hosts[host]}:{Env("MC_TEST_SSH_PORT")}"]
                root: {roots[host]}/{run}/{"{environment}"}
                url: {url}
                database: {"{"} host: {Env("MC_TEST_DB_HOST")}, port: {Env("MC_TEST_DB_PORT")}, name: "mc_{run}_{"{environment}"}", user: {Env("MC_TEST_DB_USER")}, password_env: MC_TEST_DB_PASSWORD {"}"}
                ssh: {"{"} identity_file: {Env("MC_TEST_SSH_KEY")}, known_hosts: {Env("MC_TEST_SSH_KNOWN_HOSTS")} {"}"}
            """;
        File.WriteAllText(Path.Combine(project.Root, ".magento", "topology.yaml"),
            $"environments:\n  production:\n{Entry(1, "https://shop.example.com/")}\n  staging:\n{Entry(2, "https://staging.shop.example.com/")}\n");
        File.WriteAllText(Path.Combine(project.Root, ".magento", "routes.yaml"),
            "\"https://{default}/\":\n  type: upstream\n  upstream: \"mymagento:http\"\n\"http://{default}/\":\n  type: redirect\n  to: \"https://{default}/\"\n");
        var workspace = Workspace.Open(project.Root);
        await using var production = await workspace.OpenDatabaseAsync("production", SilentObserver.Instance, CancellationToken.None);
        await LocalDatabaseServer.CreateDatabaseAsync(production.HostEndpoint, CancellationToken.None);
        await MagentoSchema.CreateAsync(production.HostEndpoint, CancellationToken.None);
        await ExecuteAsync(production.HostEndpoint,
            "INSERT INTO store_website (website_id, code, name) VALUES (1, 'base', 'Main Website')",
            "INSERT INTO store (store_id, code, website_id, group_id, name, is_active) VALUES (1, 'default', 1, 1, 'Default Store View', 1), (2, 'de', 1, 1, 'Deutsch', 1)",
            "INSERT INTO core_config_data (scope, scope_id, path, value) VALUES " +
            "('default', 0, 'web/unsecure/base_url', 'http://shop.example.com/'), ('default', 0, 'web/secure/base_url', 'https://shop.example.com/'), " +
            "('default', 0, 'web/unsecure/base_link_url', '{{unsecure_base_url}}'), ('stores', 2, 'web/secure/base_link_url', 'https://shop.example.com/de/'), " +
            "('websites', 1, 'web/unsecure/base_url', 'http://SHOP.example.com/'), ('default', 0, 'web/cookie/cookie_domain', 'shop.example.com'), " +
            "('default', 0, 'system/smtp/disable', '0'), ('websites', 1, 'payment/acme/api_url', 'https://api.acme.example/live'), " +
            "('stores', 2, 'erp/sync/endpoint', 'https://erp.example.net/shop.example.com')");
        return (project, workspace);
    }

    private static async Task DropDatabasesAsync(Workspace workspace)
    {
        foreach (var name in new[] { "production", "staging" })
        {
            await using var database = await workspace.OpenDatabaseAsync(name, SilentObserver.Instance, CancellationToken.None);
            await ExecuteAsync(database.HostEndpoint with { Database = "" }, $"DROP DATABASE IF EXISTS `{database.HostEndpoint.Database}`");
        }
    }

    private const string Overrides = """
        staging:
          default:
            system/smtp/disable: 1
            web/cookie/cookie_domain: staging.shop.example.com
          websites:
            base:
              payment/acme/api_url: https://sandbox.acme.example/
          stores:
            de:
              erp/sync/endpoint: ~
        """;

    private static async Task<Dictionary<string, string?>> SettingsAsync(Workspace workspace, string environment)
    {
        await using var database = await workspace.OpenDatabaseAsync(environment, SilentObserver.Instance, CancellationToken.None);
        return (await ScalarsAsync(database.HostEndpoint, "SELECT CONCAT(scope, ' ', scope_id, ' ', path, '=', COALESCE(value, '<null>')) FROM core_config_data"))
            .Select(r => r.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]);
    }

    /// <summary>Staging's settings after production's database landed in it with <see cref="Overrides"/>: its own URLs and the overrides, no production host.</summary>
    private static async Task AssertStagingIsItsOwnAsync(Workspace workspace, IReadOnlyList<CloudSettingChange> changes)
    {
        var staging = await SettingsAsync(workspace, "staging");
        Assert.Equal("https://staging.shop.example.com/", staging["default 0 web/secure/base_url"]);
        // No http route serves staging (http redirects): its unsecure URLs are the https one too.
        Assert.Equal("https://staging.shop.example.com/", staging["default 0 web/unsecure/base_url"]);
        Assert.Equal("https://staging.shop.example.com/", staging["websites 1 web/unsecure/base_url"]);
        Assert.Equal("https://staging.shop.example.com/de/", staging["stores 2 web/secure/base_link_url"]);
        Assert.Equal("{{unsecure_base_url}}", staging["default 0 web/unsecure/base_link_url"]);
        Assert.Equal("1", staging["default 0 system/smtp/disable"]);
        Assert.Equal("staging.shop.example.com", staging["default 0 web/cookie/cookie_domain"]);
        Assert.Equal("https://sandbox.acme.example/", staging["websites 1 payment/acme/api_url"]);
        Assert.False(staging.ContainsKey("stores 2 erp/sync/endpoint"));
        Assert.DoesNotContain(staging.Values, v => v is not null && v.Replace("staging.shop.example.com", "", StringComparison.OrdinalIgnoreCase)
            .Contains("shop.example.com", StringComparison.OrdinalIgnoreCase));
        // production is untouched.
        Assert.Equal("https://shop.example.com/", (await SettingsAsync(workspace, "production"))["default 0 web/secure/base_url"]);

        Assert.Contains(changes, c => c is { Change: "Rewritten", Path: "web/secure/base_link_url", Scope: "stores", ScopeId: 2 });
        Assert.Contains(changes, c => c is { Change: "Overridden", Path: "payment/acme/api_url", Scope: "websites", ScopeId: 1, Value: null });
        Assert.Contains(changes, c => c is { Change: "Removed", Path: "erp/sync/endpoint", Scope: "stores", ScopeId: 2 });
        Assert.Equal(4 + 4, changes.Count);
    }

    [Fact]
    public async Task Copy_from_production_leaves_no_production_host_in_staging_and_the_overrides_at_their_scopes()
    {
        var (project, workspace) = await CreateAsync();
        using var _ = project;
        File.WriteAllText(Path.Combine(project.Root, SettingsOverrides.ProjectFile), Overrides);

        var copy = await new DatabaseCopyService(workspace).CopyAsync("production", "staging", new DatabaseCopyOptions { NoSnapshot = true },
            SilentObserver.Instance, CancellationToken.None);

        await AssertStagingIsItsOwnAsync(workspace, copy.SettingsChanged);
        await DropDatabasesAsync(workspace);
    }

    [Fact]
    public async Task A_setting_left_naming_production_fails_the_copy_and_names_it()
    {
        var (project, workspace) = await CreateAsync();
        using var _ = project;

        var error = await Assert.ThrowsAsync<CloudException>(() => new DatabaseCopyService(workspace).CopyAsync("production", "staging",
            new DatabaseCopyOptions { NoSnapshot = true }, SilentObserver.Instance, CancellationToken.None));

        Assert.Equal(CloudErrorId.SourceHostRemains, error.Id);
        Assert.Contains("web/cookie/cookie_domain [default 0] names shop.example.com", error.Message);
        Assert.Contains("erp/sync/endpoint [stores 2]", error.Message);
        Assert.DoesNotContain("base_url", error.Message);
        Assert.Contains(SettingsOverrides.ProjectFile, error.Message);
        Assert.Contains(workspace.Activities.List(environment: "staging"), a => a.Result == ActivityResult.Failure);
        await DropDatabasesAsync(workspace);
    }

    [Fact]
    public async Task A_production_snapshot_restored_into_staging_gets_the_copy_down_safety_and_a_same_environment_restore_does_not()
    {
        var (project, workspace) = await CreateAsync();
        using var _ = project;
        File.WriteAllText(Path.Combine(project.Root, SettingsOverrides.ProjectFile), Overrides);
        var snapshots = new SnapshotService(workspace);
        var taken = await snapshots.CreateAsync("production", SilentObserver.Instance, CancellationToken.None);

        var restored = await snapshots.RestoreAsync("staging", "latest", SilentObserver.Instance, CancellationToken.None, from: "production");

        Assert.Equal(taken.Id, restored.Id);
        Assert.Equal("production", restored.Environment);
        Assert.Equal("staging", restored.RestoredTo);
        Assert.True(restored.Sanitized);
        await AssertStagingIsItsOwnAsync(workspace, restored.SettingsChanged);

        // The record on disk is the snapshot's, not the restore's.
        Assert.DoesNotContain("RestoredTo", File.ReadAllText(Path.Combine(taken.Path, "snapshot.json")), StringComparison.Ordinal);
        // Restored into the environment it was taken of, a snapshot stays as it was: production keeps its own URLs.
        var same = await snapshots.RestoreAsync("production", taken.Id, SilentObserver.Instance, CancellationToken.None);
        Assert.Null(same.RestoredTo);
        Assert.Empty(same.SettingsChanged);
        Assert.Equal("https://shop.example.com/", (await SettingsAsync(workspace, "production"))["default 0 web/secure/base_url"]);
        await DropDatabasesAsync(workspace);
    }

    [Fact]
    public async Task Another_environment_s_snapshot_is_refused_into_production_and_one_leaving_a_production_host_fails()
    {
        var (project, workspace) = await CreateAsync();
        using var _ = project;
        var snapshots = new SnapshotService(workspace);
        await snapshots.CreateAsync("production", SilentObserver.Instance, CancellationToken.None);

        // No overrides file: the cookie domain and the ERP endpoint still name production after the URLs are rewritten.
        var error = await Assert.ThrowsAsync<CloudException>(() =>
            snapshots.RestoreAsync("staging", "latest", SilentObserver.Instance, CancellationToken.None, from: "production"));
        Assert.Equal(CloudErrorId.SourceHostRemains, error.Id);
        Assert.Contains("web/cookie/cookie_domain [default 0] names shop.example.com", error.Message);
        Assert.Contains(workspace.Activities.List(environment: "staging"), a => a.Result == ActivityResult.Failure);

        await snapshots.CreateAsync("staging", SilentObserver.Instance, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<CloudException>(() =>
            snapshots.RestoreAsync("production", "latest", SilentObserver.Instance, CancellationToken.None, from: "staging"));
        Assert.Equal(CloudErrorId.EnvironmentProtected, refused.Id);
        Assert.Equal("https://shop.example.com/", (await SettingsAsync(workspace, "production"))["default 0 web/secure/base_url"]);
        await DropDatabasesAsync(workspace);
    }

    [Fact]
    public async Task An_override_for_a_store_the_database_lacks_is_refused_by_name()
    {
        var (project, workspace) = await CreateAsync();
        using var _ = project;
        File.WriteAllText(Path.Combine(project.Root, SettingsOverrides.ProjectFile), "staging:\n  stores:\n    fr:\n      general/locale/code: fr_FR\n");

        var error = await Assert.ThrowsAsync<CloudException>(() => new DatabaseCopyService(workspace).CopyAsync("production", "staging",
            new DatabaseCopyOptions { NoSnapshot = true }, SilentObserver.Instance, CancellationToken.None));

        Assert.Equal(CloudErrorId.OverridesInvalid, error.Id);
        Assert.Contains("'fr'", error.Message);
        await DropDatabasesAsync(workspace);
    }
}
