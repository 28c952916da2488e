using MagentoCloud.Engine.Transport;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Tests.Project;

public sealed class ProjectFilesTests
{
    [Fact]
    public void Magento_cloud_files_read_as_typed_model()
    {
        using var project = MagentoCloudFixture.Create();
        var files = project.Files;

        Assert.Equal("mymagento", files.App.Name);
        Assert.Equal("php:8.3", files.App.Type);
        Assert.Equal("2.7.7", files.App.Dependencies["php"]["composer/composer"]);
        Assert.Contains("scenario/deploy.xml", files.App.Hooks.Deploy);
        Assert.Contains(new Relationship("opensearch", "opensearch", "opensearch"), files.App.Relationships);
        Assert.Equal(4, files.App.Mounts.Count);
        Assert.Equal(new Mount("app/etc", "local", "etc"), files.App.Mounts[1]);
        Assert.Equal(5120, files.App.Disk);
        Assert.Equal(new CronJob("cronrun", "* * * * *", "php bin/magento cron:run"), Assert.Single(files.App.Crons));
        Assert.Equal(["/", "/media", "/static"], files.App.WebLocations.Select(l => l.Path));
        Assert.Contains(files.App.Variables, v => v.Name == "env:CONFIG__STORES__DEFAULT__PAYPAL__NOTATION_CODE");
        Assert.Equal(["xsl", "sodium", "redis"], files.App.RuntimeExtensions);

        Assert.Equal(["mysql", "redis", "opensearch", "rabbitmq"], files.Services.Select(s => s.Name));
        Assert.Equal(2048, files.Service("mysql")!.Disk);
        Assert.Equal(3, files.Routes.Count);
        Assert.True(files.Routes[2].CacheEnabled);

        Assert.Equal("2", files.Env.StageVariables("build")["SCD_THREADS"]);
        var deploy = files.Env.EffectiveVariables("deploy");
        Assert.Equal("true", deploy["SKIP_HTML_MINIFICATION"]); // from global
        Assert.Equal("db", deploy["LOCK_PROVIDER"]);
        Assert.True(files.Env.Log.ContainsKey("email"));
    }

    [Fact]
    public void Topology_resolves_by_name_then_type_and_expands_the_environment()
    {
        using var project = new TempProject().With(".magento.app.yaml", "name: app\ntype: php:8.3\n").With(".magento/topology.yaml", """
            integration:
                limit: 5
            environments:
                production:
                    hosts: [deploy@10.0.0.1, deploy@10.0.0.2:2222, "deploy@[::1]:22"]
                    root: /srv/magento/{environment}
                    database: {host: 127.0.0.1, port: 3307, name: main, user: main, password_env: PROD_DB_PASSWORD}
                    url: https://www.example.com/
                    ssh: {identity_file: ~/.ssh/id_ed25519, known_hosts: ~/.ssh/known_hosts}
                development:
                    hosts: [dev@127.0.0.3]
                    root: /srv/dev/{environment}
                    database: {host: 127.0.0.1, name: "{environment}", user: dev, password_file: ~/.dev-db}
                    url: https://{environment}.dev.example.com/
            remote: ssh://git@git.example.com/shop.git
            """);
        var files = project.Files;
        Assert.DoesNotContain(project.Validate(), f => f.Severity != FindingSeverity.Notice);
        Assert.Equal(5, files.Topology.IntegrationLimit);
        Assert.Equal("ssh://git@git.example.com/shop.git", files.RemoteUrl);

        var production = files.TopologyFor("production", "production");
        Assert.False(production.IsLocal);
        Assert.Equal(
            [new SshHost("deploy", "10.0.0.1"), new SshHost("deploy", "10.0.0.2", 2222), new SshHost("deploy", "::1")],
            production.Hosts);
        Assert.Equal("/srv/magento/production", production.Root);
        Assert.Equal(new DatabaseSettings("127.0.0.1", 3307, "main", "main", "PROD_DB_PASSWORD", null), production.Database);
        Assert.Equal("~/.ssh/id_ed25519", production.Ssh.IdentityFile);

        var feature = files.TopologyFor("feature-a", "development");
        Assert.Equal("/srv/dev/feature-a", feature.Root);
        Assert.Equal("feature-a", feature.Database!.Name);
        Assert.Equal(new Uri("https://feature-a.dev.example.com/"), feature.Url);

        Assert.True(files.TopologyFor("staging", "staging").IsLocal);
    }

    [Fact]
    public void A_build_host_is_read_per_environment_then_type_then_project_and_a_bad_one_is_a_finding()
    {
        using var project = new TempProject().With(".magento.app.yaml", "name: app\ntype: php:8.3\n").With(".magento/topology.yaml", """
            build: {host: builder@10.0.3.10, root: /srv/build, deploy_identity_file: ~/.ssh/deploy}
            ssh: {identity_file: ~/.ssh/top}
            environments:
                production:
                    hosts: [deploy@10.0.0.1]
                    root: /srv/{environment}
                    build: {host: "prodbuilder@10.0.0.9:2222", ssh: {identity_file: ~/.ssh/prod}}
                development:
                    hosts: [dev@10.0.2.1]
                    root: /srv/{environment}
            """);
        var topology = project.Files.Topology;
        Assert.DoesNotContain(project.Validate(), f => f.Severity == FindingSeverity.Error);
        var production = topology.BuildHostFor("production", "production")!;
        Assert.Equal(new SshHost("prodbuilder", "10.0.0.9", 2222), production.Host);
        Assert.Equal("magento-build", production.Root);
        Assert.Equal("~/.ssh/prod", production.Ssh.IdentityFile);
        var feature = topology.BuildHostFor("feature-a", "development")!;
        Assert.Equal(new SshHost("builder", "10.0.3.10"), feature.Host);
        Assert.Equal("/srv/build", feature.Root);
        Assert.Equal("~/.ssh/deploy", feature.DeployIdentityFile);
        Assert.Equal("~/.ssh/top", feature.Ssh.IdentityFile);

        using var broken = new TempProject().With(".magento.app.yaml", "name: app\ntype: php:8.3\n")
            .With(".magento/topology.yaml", "build: {root: /srv/build, cache: yes}\n");
        var findings = broken.Validate().Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Message).ToList();
        Assert.Contains(findings, m => m.Contains("names no host", StringComparison.Ordinal));
        Assert.Contains(findings, m => m.Contains("cache", StringComparison.Ordinal));
        Assert.Null(new TempProject().With(".magento.app.yaml", "name: app\ntype: php:8.3\n").Files.Topology.BuildHostFor("production", "production"));
    }

    [Fact]
    public void No_topology_means_local_default_remote_and_limit_eight()
    {
        using var project = new TempProject().With(".magento.app.yaml", "name: app\ntype: php:8.3\n");
        var files = project.Files;
        Assert.Equal(8, files.Topology.IntegrationLimit);
        Assert.Equal(Path.Combine(project.Root, ".magento", "local", "remote.git"), files.RemoteUrl);
        Assert.Same(EnvironmentTopology.Local, files.TopologyFor("production", "production"));
    }

    [Fact]
    public void Database_password_comes_from_the_named_environment_variable()
    {
        var variable = "MC_TEST_DB_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var endpoint = new DatabaseSettings("127.0.0.1", 3306, "main", "main", variable, null);
        var missing = Assert.Throws<CloudException>(() => endpoint.ReadPassword());
        Assert.Contains(variable, missing.Message);
        Environment.SetEnvironmentVariable(variable, "s3cret");
        try { Assert.Equal("s3cret", endpoint.ReadPassword()); }
        finally { Environment.SetEnvironmentVariable(variable, null); }
    }

    [Theory]
    [InlineData("deploy@10.0.0.1", "deploy", "10.0.0.1", 22)]
    [InlineData("deploy@10.0.0.2:2222", "deploy", "10.0.0.2", 2222)]
    [InlineData("deploy@[::1]:22", "deploy", "::1", 22)]
    [InlineData("[fe80::1]:2200", null, "fe80::1", 2200)]
    [InlineData("host.example.com", null, "host.example.com", 22)]
    public void Host_addresses_parse(string text, string? user, string host, int port)
    {
        Assert.Equal(new SshHost(user ?? Environment.UserName, host, port), SshHost.Parse(text));
    }

    [Theory]
    [InlineData("deploy@::1")]
    [InlineData("deploy@[::1")]
    [InlineData("deploy@host:0")]
    [InlineData("deploy@host:ssh")]
    [InlineData("@host")]
    [InlineData("")]
    public void Bad_host_addresses_are_refused(string text)
    {
        Assert.False(SshHost.TryParse(text, out _, out var problem));
        Assert.NotNull(problem);
    }
}
