using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Tests.Project;

public sealed class ProjectTemplateTests
{
    [Fact]
    public void Blank_template_validates_with_no_findings_at_all()
    {
        using var project = new TempProject();
        ProjectTemplate.WriteTo(project.Root, "Shop");
        Assert.Empty(project.Validate());
    }

    [Fact]
    public void Blank_template_writes_magento_cloud_files_and_a_gitignore_that_keeps_secrets_out()
    {
        using var project = new TempProject();
        var written = ProjectTemplate.WriteTo(project.Root, "Shop");
        foreach (var file in new[] { ".magento.app.yaml", ".magento/services.yaml", ".magento/routes.yaml", ".magento.env.yaml", ".gitignore", "app/etc/config.php" })
        {
            Assert.Contains(file, written);
            Assert.True(File.Exists(Path.Combine(project.Root, file)), file);
        }
        var gitignore = File.ReadAllLines(Path.Combine(project.Root, ".gitignore"));
        Assert.Contains("/app/etc/env.php", gitignore);
        Assert.Contains("/.magento/local/", gitignore);
        Assert.Contains("/vendor/", gitignore);
        Assert.Contains("Shop", File.ReadAllText(Path.Combine(project.Root, "pub/index.html")));
    }

    [Fact]
    public void Blank_template_reads_as_the_model_new_projects_rely_on()
    {
        using var project = new TempProject();
        ProjectTemplate.WriteTo(project.Root, "Shop");
        var files = project.Files;
        Assert.Equal("mymagento", files.App.Name);
        Assert.Equal("none", files.App.BuildFlavor);
        Assert.Contains("pub/static/version.txt", files.App.Hooks.Build);
        Assert.Contains("var/deployed_at", files.App.Hooks.Deploy);
        Assert.NotNull(files.App.Hooks.PostDeploy);
        Assert.Equal(new Relationship("database", "mysql", "mysql"), Assert.Single(files.App.Relationships));
        Assert.Equal("10.6", files.Service("mysql")!.Version);
        Assert.Contains(files.App.Variables, v => v.EnvironmentVariableName == "SITE_NAME" && (string?)v.Value == "Shop");
        Assert.Equal("mymagento", files.Routes.Single(r => r.Type == "upstream").UpstreamApplication);
        Assert.False(files.Topology.Exists);
        Assert.True(files.TopologyFor("master", "development").IsLocal);
    }

    [Fact]
    public void Writing_the_template_over_a_project_is_refused()
    {
        using var project = new TempProject().With(".magento.app.yaml", "name: x\n");
        var e = Assert.Throws<CloudException>(() => ProjectTemplate.WriteTo(project.Root, "Shop"));
        Assert.Equal(CloudErrorId.ProjectExists, e.Id);
    }

    [Fact]
    public void Project_name_that_would_break_the_files_is_refused()
    {
        using var project = new TempProject();
        var e = Assert.Throws<CloudException>(() => ProjectTemplate.WriteTo(project.Root, "shop\"<x>"));
        Assert.Equal(CloudErrorId.InvalidArgument, e.Id);
    }
}
