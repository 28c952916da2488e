using MagentoCloud.Engine.Build;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Tests.Deploy;

namespace MagentoCloud.Engine.Tests.Project;

/// <summary>Wrong input gives an error that says what and where, with a stable id, instead of the engine's internals.</summary>
public sealed class ClearErrorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-clear-").FullName;

    [Fact]
    public void A_complex_key_in_sanitize_yaml_is_a_sanitize_rules_error()
    {
        var e = Assert.Throws<CloudException>(() => SanitizeRules.Parse("? [a, b]\n: x\n", SanitizeRules.ProjectFile));
        Assert.Equal(CloudErrorId.SanitizeRulesInvalid, e.Id);
        Assert.Contains(".magento/sanitize.yaml:1", e.Message);
    }

    [Fact]
    public async Task Get_snapshots_refuses_an_environment_name_that_is_a_path_and_reads_nothing_outside()
    {
        File.WriteAllText(Path.Combine(_root, ".magento.app.yaml"), "name: app\ntype: php:8.3\n");
        await new ProjectCreator().CreateAsync(_root, "Shop");
        Directory.CreateDirectory(Path.Combine(_root, ".magento", "local", "snapshots"));
        // Something that is not a snapshot record, outside the project.
        var outside = Path.Combine(Path.GetDirectoryName(_root)!, Path.GetFileName(_root) + "-outside", "x", "1");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "snapshot.json"), "not json");
        try
        {
            var name = $"../../../{Path.GetFileName(_root)}-outside/x";
            var e = Assert.Throws<CloudException>(() => new SnapshotService(Workspace.Open(_root)).List(name));
            Assert.Equal(CloudErrorId.EnvironmentNameInvalid, e.Id);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(outside))!, recursive: true);
        }
    }

    [Fact]
    public async Task A_build_variable_over_128_KiB_is_named_instead_of_a_missing_tool()
    {
        using var app = new TestApp();
        var commit = app.Commit();
        var e = await Assert.ThrowsAsync<CloudException>(() => new SlugBuilder(app.Store).BuildAsync(
            app.Request(commit, new Dictionary<string, string> { ["BIG"] = new string('x', 130 * 1024) }),
            SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(CloudErrorId.VariableInvalid, e.Id);
        Assert.Contains("BIG", e.Message);
        Assert.DoesNotContain("PATH", e.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
