using System.Text;
using MagentoCloud.Engine.Build;
using MagentoCloud.Engine.Configuration;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Tests.Deploy;

namespace MagentoCloud.Engine.Tests.Project;

/// <summary>Every YAML file is read through one reader with limits; a file past them is an error with its place, never a crash.</summary>
public sealed class YamlLimitsTests
{
    /// <summary>Nested aliases: each level repeats the one before ten times (10^levels nodes from a few lines).</summary>
    private static string AliasBomb(int levels)
    {
        var text = new StringBuilder("name: app\ntype: php:8.3\nbomb:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < levels; i++)
            text.Append($"  l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        return text.ToString();
    }

    private static readonly string DeepNesting = new('[', 100_000);

    [Fact]
    public async Task Nested_aliases_in_a_commit_fail_the_build_with_their_place_not_as_a_missing_tool()
    {
        using var app = new TestApp();
        var commit = app.Commit(AliasBomb(6)); // a million nodes once expanded
        var e = await Assert.ThrowsAsync<CloudException>(() =>
            new SlugBuilder(app.Store).BuildAsync(app.Request(commit), SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(CloudErrorId.ProjectInvalid, e.Id);
        Assert.Matches(@"is refused at line \d+", e.Message);
        Assert.Contains("aliases", e.Message);
    }

    [Fact]
    public void An_alias_inside_the_node_it_names_is_refused()
    {
        var e = Assert.Throws<YamlLimitException>(() => YamlReader.Read("a: &x [1, *x]\n"));
        Assert.Equal(1, e.Start.Line);
    }

    [Fact]
    public void Ordinary_aliases_still_read()
    {
        var root = YamlReader.Read("base: &b {x: 1}\nother: *b\n");
        Assert.Equal("1", root.Child("other").Child("x").Text());
    }

    [Fact]
    public void Deep_nesting_in_the_topology_is_an_error_with_its_place_for_every_reader()
    {
        using var project = new TempProject().With(".magento.app.yaml", "name: app\ntype: php:8.3\n").With(Topology.File, DeepNesting);
        var e = Assert.Throws<CloudException>(() => project.Files.Topology);
        Assert.Equal(CloudErrorId.TopologyInvalid, e.Id);
        Assert.Contains(".magento/topology.yaml:1:", e.Message);

        var finding = Assert.Single(project.Validate(), f => f.Code == "YamlLimit");
        Assert.Equal(Topology.File, finding.File);
        Assert.Equal(1, finding.Line);
    }

    [Fact]
    public void Deep_nesting_or_nested_aliases_in_sanitize_and_config_sensitive_files_are_their_errors()
    {
        foreach (var text in new[] { DeepNesting, AliasBomb(7) })
        {
            var sanitize = Assert.Throws<CloudException>(() => SanitizeRules.Parse(text, SanitizeRules.ProjectFile));
            Assert.Equal(CloudErrorId.SanitizeRulesInvalid, sanitize.Id);
            Assert.Contains(".magento/sanitize.yaml:", sanitize.Message);

            using var project = new TempProject().With(SensitiveConfigPaths.ProjectFile, text);
            var sensitive = Assert.Throws<CloudException>(() => SensitiveConfigPaths.ForProject(project.Root));
            Assert.Equal(CloudErrorId.ConfigInvalid, sensitive.Id);
            Assert.Contains("line", sensitive.Message);
        }
    }
}
