using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Tests.Project;

/// <summary>Test-CloudProject's checks of web locations: what nginx would refuse or what would leave the application.</summary>
public sealed class WebLocationValidationTests
{
    private static IReadOnlyList<CloudFinding> Findings(string web)
    {
        using var project = new TempProject()
            .With(".magento.app.yaml", "name: app\ntype: php:8.2\n" + web)
            .With(".magento/routes.yaml", "\"http://{default}/\":\n    type: upstream\n    upstream: \"app:http\"\n");
        return project.Validate().Where(f => f.Code == "WebLocation").ToList();
    }

    [Fact]
    public void The_shops_Magento_shaped_locations_have_no_findings()
    {
        using var project = new TempProject()
            .With(".magento.app.yaml", File.ReadAllText(Path.Combine(Runtime.ShopSite.AppFolder, ".magento.app.yaml")));
        Assert.DoesNotContain(project.Validate(), f => f.Code is "WebLocation" or "UnknownKey");
    }

    [Fact]
    public void A_rule_regex_that_cannot_compile_is_reported_with_its_line()
    {
        var finding = Assert.Single(Findings("""
            web:
                locations:
                    "/":
                        root: pub
                        rules:
                            "^/(unclosed$":
                                allow: true
            """));
        Assert.Equal(".magento.app.yaml", finding.File);
        Assert.Equal(8, finding.Line);
        Assert.Contains("^/(unclosed$", finding.Message);
    }

    [Fact]
    public void A_root_or_passthru_that_leaves_the_application_is_reported()
    {
        var findings = Findings("""
            web:
                locations:
                    "/":
                        root: "../other"
                        passthru: "/../index.php"
                    "/media":
                        root: "/etc"
            """);
        Assert.Equal([6, 7, 9], findings.Select(f => f.Line).Order());
    }

    [Fact]
    public void An_unknown_rule_key_a_bad_expires_and_a_bad_header_are_reported()
    {
        var findings = Findings("""
            web:
                locations:
                    "/":
                        expires: 1 year
                        headers:
                            X-Cost: "$5"
                        rules:
                            \.css$:
                                alow: true
            """);
        Assert.Equal(3, findings.Count);
        Assert.Contains(findings, f => f.Message.Contains("'alow'") && f.Suggestion!.Contains("allow"));
    }

    [Fact]
    public async Task A_deploy_of_a_commit_nginx_cannot_serve_is_refused_before_anything_changes()
    {
        var root = Directory.CreateTempSubdirectory("mc-refuse-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, ".magento.app.yaml"),
                "name: app\ntype: php:8.2\nweb:\n    locations:\n        \"/\":\n            root: \"../../etc\"\n");
            await new MagentoCloud.Engine.Environments.ProjectCreator().CreateAsync(root, "Shop");
            var deployments = Workspace.Open(root).Deployments;

            var error = await Assert.ThrowsAsync<CloudException>(() =>
                deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None));

            Assert.Equal(CloudErrorId.ProjectInvalid, error.Id);
            Assert.Contains(".magento.app.yaml:6:", error.Message);
            Assert.False(Directory.Exists(Path.Combine(root, ".magento", "local", "environments", "master")));
            Assert.Equal(MagentoCloud.Engine.Environments.ActivityResult.Failure, Workspace.Open(root).Activities.List("master").First().Result);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
