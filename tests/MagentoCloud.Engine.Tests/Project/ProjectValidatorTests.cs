using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Tests.Project;

public sealed class ProjectValidatorTests
{
    private const string MinimalApp = """
        name: app
        type: php:8.3
        relationships:
            database: "mysql:mysql"
        """;

    private const string MinimalServices = """
        mysql:
            type: mysql:10.6
        """;

    private static TempProject Minimal() => new TempProject()
        .With(".magento.app.yaml", MinimalApp)
        .With(".magento/services.yaml", MinimalServices);

    private static CloudFinding Single(IReadOnlyList<CloudFinding> findings, string code)
    {
        var matching = findings.Where(f => f.Code == code).ToList();
        Assert.True(matching.Count == 1,
            $"expected one {code}, got: {string.Join(" | ", findings.Select(f => f.ToString()))}");
        return matching[0];
    }

    [Fact]
    public void Magento_cloud_template_project_has_no_errors()
    {
        using var project = MagentoCloudFixture.Create();
        var findings = project.Validate();
        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        Assert.DoesNotContain(findings, f => f.Code is "UnknownEnvVariable" or "UnknownKey");
    }

    [Fact]
    public void Minimal_valid_project_has_only_the_config_php_notice()
    {
        using var project = Minimal();
        var findings = project.Validate();
        var notice = Assert.Single(findings);
        Assert.Equal("NoScopesInConfig", notice.Code);
        Assert.Equal(FindingSeverity.Notice, notice.Severity);
    }

    [Fact]
    public void Yaml_syntax_error_is_reported_with_its_line_and_column()
    {
        using var project = Minimal().With(".magento/routes.yaml", "\"http://{default}/\":\n    type: upstream\n  upstream: [\"app:http\"\n");
        var finding = Single(project.Validate(), "YamlSyntax");
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(".magento/routes.yaml", finding.File);
        Assert.True(finding.Line >= 3, finding.ToString());
        Assert.True(finding.Column > 0);
    }

    [Fact]
    public void Duplicate_key_is_a_syntax_error_at_the_second_key()
    {
        using var project = Minimal().With(".magento.app.yaml", MinimalApp + "\nname: other\n");
        var finding = Single(project.Validate(), "YamlSyntax");
        Assert.Equal(5, finding.Line);
    }

    [Fact]
    public void Missing_app_file_is_an_error()
    {
        using var project = new TempProject().With(".magento/services.yaml", MinimalServices);
        Assert.Equal(FindingSeverity.Error, Single(project.Validate(), "MissingFile").Severity);
    }

    [Fact]
    public void Unknown_app_key_is_reported_with_a_did_you_mean()
    {
        using var project = Minimal().With(".magento.app.yaml", MinimalApp + "\nhook:\n    build: echo\n");
        var finding = Single(project.Validate(), "UnknownKey");
        Assert.Equal(5, finding.Line);
        Assert.Equal(1, finding.Column);
        Assert.Equal("Did you mean 'hooks'?", finding.Suggestion);
    }

    [Fact]
    public void Mistyped_value_is_a_wrong_type_error()
    {
        using var project = Minimal().With(".magento.app.yaml", MinimalApp + "\ndisk: lots\n");
        var finding = Single(project.Validate(), "WrongType");
        Assert.Contains("disk must be an integer", finding.Message);
        Assert.Equal(5, finding.Line);
        Assert.Equal(7, finding.Column);
    }

    [Fact]
    public void Worker_without_commands_start_is_an_error_and_its_other_keys_are_noted()
    {
        using var project = Minimal().With(".magento.app.yaml", MinimalApp + """

            workers:
                queue:
                    size: S
                    commands:
                        start: "php bin/magento queue:consumers:start async.operations.all"
                broken:
                    disk: 256
            """);
        var missing = Single(project.Validate(), "MissingKey");
        Assert.Contains("worker 'broken' has no commands.start", missing.Message);
        Assert.Equal(FindingSeverity.Error, missing.Severity);
        var notes = project.Validate().Where(f => f.Code == "IgnoredWorkerKey").ToList();
        Assert.Equal(2, notes.Count);
        Assert.All(notes, n => Assert.Equal(FindingSeverity.Notice, n.Severity));
        Assert.Contains(notes, n => n.Message.Contains("'size'") && n.Message.Contains("worker 'queue'"));
        Assert.Equal([new WorkerDefinition("queue", "php bin/magento queue:consumers:start async.operations.all")], project.Files.App.Workers);
    }

    [Fact]
    public void Worker_with_an_unknown_key_or_a_start_that_is_not_a_string_is_reported()
    {
        using var project = Minimal().With(".magento.app.yaml", MinimalApp + """

            workers:
                queue:
                    comands:
                        start: "php worker.php"
                other:
                    commands:
                        start: [php, worker.php]
            """);
        var findings = project.Validate();
        Assert.Contains(findings, f => f.Code == "UnknownKey" && f.Message.Contains("workers.queue") && f.Suggestion!.Contains("commands"));
        Assert.Contains(findings, f => f.Code == "WrongType" && f.Message.Contains("workers.other.commands.start"));
        Assert.Empty(project.Files.App.Workers);
    }

    [Fact]
    public void App_without_name_is_a_missing_key_error()
    {
        using var project = Minimal().With(".magento.app.yaml", "type: php:8.3\n");
        Assert.Contains("'name'", Single(project.Validate(), "MissingKey").Message);
    }

    [Fact]
    public void Relationship_to_a_service_not_in_services_yaml_is_an_error()
    {
        using var project = Minimal().With(".magento.app.yaml", MinimalApp + "\n    cache: \"redis:redis\"\n");
        var finding = Single(project.Validate(), "UnknownService");
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("'redis'", finding.Message);
        Assert.Equal(5, finding.Line);
    }

    [Fact]
    public void Relationship_without_any_services_file_is_an_error()
    {
        using var project = new TempProject().With(".magento.app.yaml", MinimalApp);
        Assert.Contains("does not define", Single(project.Validate(), "UnknownService").Message);
    }

    [Fact]
    public void Relationship_to_an_endpoint_the_service_lacks_is_an_error()
    {
        using var project = Minimal().With(".magento.app.yaml", MinimalApp.Replace("mysql:mysql", "mysql:redis"));
        Assert.Contains("offers mysql", Single(project.Validate(), "UnknownEndpoint").Message);
    }

    [Fact]
    public void Relationship_to_a_configured_mysql_endpoint_is_accepted()
    {
        using var project = Minimal()
            .With(".magento.app.yaml", MinimalApp + "\n    reports: \"mysql:reporting\"\n")
            .With(".magento/services.yaml", MinimalServices + """

                    configuration:
                        schemas: [main]
                        endpoints:
                            mysql: {default_schema: main, privileges: {main: admin}}
                            reporting: {default_schema: main, privileges: {main: ro}}
                """);
        Assert.DoesNotContain(project.Validate(), f => f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void Unknown_service_type_is_a_warning()
    {
        using var project = Minimal().With(".magento/services.yaml", MinimalServices + "\nsearch:\n    type: opensarch:2\n");
        var finding = Single(project.Validate(), "UnknownServiceType");
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal("Did you mean 'opensearch'?", finding.Suggestion);
    }

    [Fact]
    public void Mount_not_under_shared_files_is_an_error()
    {
        using var project = Minimal().With(".magento.app.yaml", MinimalApp + "\nmounts:\n    \"var\": \"files/var\"\n");
        var finding = Single(project.Validate(), "BadMount");
        Assert.Equal("Write it as \"var\": \"shared:files/var\".", finding.Suggestion);
    }

    [Fact]
    public void Long_form_mount_is_accepted_and_read()
    {
        using var project = Minimal().With(".magento.app.yaml", MinimalApp + """

            mounts:
                "var": "shared:files/var"
                "pub/media":
                    source: local
                    source_path: media
            """);
        Assert.DoesNotContain(project.Validate(), f => f.Code == "BadMount");
        Assert.Equal(
            [new Mount("var", "local", "var"), new Mount("pub/media", "local", "media")],
            project.Files.App.Mounts);
    }

    [Fact]
    public void Route_to_an_application_that_does_not_exist_is_an_error()
    {
        using var project = Minimal().With(".magento/routes.yaml", "\"https://{default}/\":\n    type: upstream\n    upstream: \"mymagento:http\"\n");
        var finding = Single(project.Validate(), "RouteUpstream");
        Assert.Equal("Write upstream: \"app:http\".", finding.Suggestion);
        Assert.Equal(3, finding.Line);
    }

    [Fact]
    public void Route_url_without_scheme_is_an_error()
    {
        using var project = Minimal().With(".magento/routes.yaml", "\"{default}/\":\n    type: upstream\n    upstream: \"app:http\"\n");
        Single(project.Validate(), "RouteUrl");
    }

    [Fact]
    public void Env_variable_in_a_stage_that_does_not_read_it_is_an_error()
    {
        using var project = Minimal().With(".magento.env.yaml", "stage:\n    build:\n        CLEAN_STATIC_FILES: true\n");
        var finding = Single(project.Validate(), "EnvVariableStage");
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(3, finding.Line);
        Assert.Equal("Move it under stage: global or deploy.", finding.Suggestion);
    }

    [Theory]
    [InlineData("build", "SCD_THREADS: many")]
    [InlineData("build", "SKIP_SCD: 'true'")]
    [InlineData("deploy", "SEARCH_CONFIGURATION: opensearch")]
    [InlineData("global", "X_FRAME_CONFIGURATION: true")]
    [InlineData("global", "MIN_LOGGING_LEVEL:")]
    public void Env_variable_of_the_wrong_type_is_an_error(string stage, string line)
    {
        using var project = Minimal().With(".magento.env.yaml", $"stage:\n    {stage}:\n        {line}\n");
        Assert.Equal(FindingSeverity.Error, Single(project.Validate(), "EnvVariableType").Severity);
    }

    [Theory]
    [InlineData("build", "SCD_COMPRESSION_LEVEL: 10")]
    [InlineData("build", "ERROR_REPORT_DIR_NESTING_LEVEL: -1")]
    [InlineData("build", "SCD_STRATEGY: fast")]
    [InlineData("global", "VERBOSE_COMMANDS: -vvvv")]
    [InlineData("deploy", "LOCK_PROVIDER: redis")]
    public void Env_variable_outside_its_range_or_values_is_an_error(string stage, string line)
    {
        using var project = Minimal().With(".magento.env.yaml", $"stage:\n    {stage}:\n        {line}\n");
        Single(project.Validate(), "EnvVariableValue");
    }

    [Fact]
    public void Env_variable_as_php_constant_and_array_with_merge_are_accepted()
    {
        using var project = Minimal().With(".magento.env.yaml", """
            stage:
                global:
                    VERBOSE_COMMANDS: ''
                deploy:
                    SCD_THREADS: !php/const \Some\Class::THREADS
                    SESSION_CONFIGURATION:
                        _merge: true
                        redis:
                            max_concurrency: 10
                    SPLIT_DB: [quote, sales]
            """);
        Assert.DoesNotContain(project.Validate(), f => f.Severity != FindingSeverity.Notice);
    }

    [Fact]
    public void Unknown_env_variable_is_a_warning()
    {
        using var project = Minimal().With(".magento.env.yaml", "stage:\n    deploy:\n        STATIC_CONTENT_SYMLINK: true\n        SCD_THREAD: 2\n");
        var findings = project.Validate().Where(f => f.Code == "UnknownEnvVariable").ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(FindingSeverity.Warning, f.Severity));
        Assert.Equal("Did you mean 'SCD_THREADS'?", findings[1].Suggestion);
    }

    [Fact]
    public void Unknown_stage_is_an_unknown_key_error()
    {
        using var project = Minimal().With(".magento.env.yaml", "stage:\n    post_deploy:\n        WARM_UP_PAGES: []\n");
        var finding = Single(project.Validate(), "UnknownKey");
        Assert.Equal("Did you mean 'post-deploy'?", finding.Suggestion);
    }

    [Fact]
    public void Config_php_without_scopes_is_a_warning_that_points_to_export()
    {
        using var project = Minimal().With("app/etc/config.php", "<?php\nreturn ['modules' => ['Magento_Store' => 1]];\n");
        var finding = Single(project.Validate(), "NoScopesInConfig");
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("static content cannot be deployed during the build", finding.Message);
        Assert.Contains("Export-CloudConfig", finding.Suggestion);
    }

    [Fact]
    public void Config_php_with_scopes_gives_nothing()
    {
        using var project = Minimal().With("app/etc/config.php", "<?php\nreturn array (\n  'scopes' => \n  array (\n  ),\n);\n");
        Assert.Empty(project.Validate());
    }

    [Fact]
    public void Topology_host_that_cannot_be_parsed_is_an_error()
    {
        using var project = Minimal().With(".magento/topology.yaml", """
            environments:
                production:
                    hosts: [deploy@10.0.0.1, "deploy@::1:22", "deploy@host:99999"]
                    root: /srv/magento/{environment}
            """);
        var findings = project.Validate().Where(f => f.Code == "BadTopologyHost").ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(FindingSeverity.Error, f.Severity));
        Assert.Contains("brackets", findings[0].Message);
        Assert.Equal(3, findings[0].Line);
    }

    [Fact]
    public void Topology_password_written_in_the_file_is_an_error()
    {
        using var project = Minimal().With(".magento/topology.yaml", """
            environments:
                staging:
                    hosts: [deploy@127.0.0.2]
                    root: /srv/magento/staging
                    database: {host: 127.0.0.1, name: main, user: main, password: hunter2}
            """);
        var finding = Single(project.Validate(), "SecretInFile");
        Assert.DoesNotContain("hunter2", finding.Message + finding.Suggestion);
        Assert.Contains("password_env", finding.Suggestion);
    }

    [Fact]
    public void Topology_hosts_without_root_is_a_missing_key_error()
    {
        using var project = Minimal().With(".magento/topology.yaml", "environments:\n    production:\n        hosts: [deploy@10.0.0.1]\n");
        Single(project.Validate(), "MissingKey");
    }

    private const string ServicesApp = """
        name: app
        type: php:8.3
        relationships:
            database: "mysql:mysql"
            redis: "redis:redis"
            opensearch: "opensearch:opensearch"
        """;

    private const string ServicesFile = """
        mysql:
            type: mysql:10.6
        redis:
            type: redis:7.2
        opensearch:
            type: opensearch:2.11
        """;

    [Fact]
    public void A_relationship_without_a_server_on_hosts_is_an_error_for_production_and_a_warning_for_integration()
    {
        using var project = new TempProject().With(".magento.app.yaml", ServicesApp).With(".magento/services.yaml", ServicesFile)
            .With(".magento/topology.yaml", """
                environments:
                    production:
                        hosts: [deploy@10.0.0.1]
                        root: /srv/{environment}
                        services:
                            redis: {host: 10.0.0.5, password_file: ~/.redis-production}
                    development:
                        hosts: [deploy@10.0.0.2]
                        root: /srv/{environment}
                """);
        var findings = project.Validate().Where(f => f.Code == "NoServiceEndpoint").ToList();
        var production = Assert.Single(findings, f => f.Message.Contains("for production", StringComparison.Ordinal));
        Assert.Equal(FindingSeverity.Error, production.Severity);
        Assert.Contains("relationship 'opensearch'", production.Message);
        Assert.Contains("index_prefix: production_", production.Suggestion);
        var development = findings.Where(f => f.Message.Contains("for development", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, development.Count); // redis and opensearch
        Assert.All(development, f => Assert.Equal(FindingSeverity.Warning, f.Severity));
    }

    [Fact]
    public void A_topology_server_of_another_type_or_version_or_an_unknown_service_is_a_warning_and_a_password_an_error()
    {
        using var project = new TempProject().With(".magento.app.yaml", ServicesApp).With(".magento/services.yaml", ServicesFile)
            .With(".magento/topology.yaml", """
                environments:
                    staging:
                        services:
                            redis: {host: 10.0.0.5, version: "6.2"}
                            opensearch: {host: 10.0.0.6, type: elasticsearch, index_prefix: staging_}
                            rabbitmq: {host: 10.0.0.7, vhost: staging}
                            mysql: {host: 10.0.0.8, password: hunter2}
                """);
        var findings = project.Validate();
        Assert.Contains("asks for redis:7.2", Single(findings, "ServiceVersionMismatch").Message);
        Assert.Contains("asks for opensearch", Single(findings, "ServiceTypeMismatch").Message);
        Assert.Equal(FindingSeverity.Warning, Single(findings, "UnknownService").Severity);
        Assert.Equal(FindingSeverity.Error, Single(findings, "SecretInFile").Severity);
        Assert.DoesNotContain(findings, f => f.Code == "UnknownKey");
    }

    [Fact]
    public void Two_environments_on_one_redis_server_are_an_error_and_one_for_every_integration_environment_a_warning()
    {
        using var project = new TempProject().With(".magento.app.yaml", ServicesApp).With(".magento/services.yaml", ServicesFile)
            .With(".magento/topology.yaml", """
                environments:
                    production:
                        services:
                            redis: {host: 10.0.0.5}
                    staging:
                        services:
                            redis: {host: 10.0.0.5, port: 6379}
                    development:
                        services:
                            redis: {host: 10.0.0.9}
                    feature-x:
                        services:
                            redis: {host: "redis-{environment}.internal"}
                """);
        var shared = project.Validate().Where(f => f.Code == "SharedRedis").ToList();
        Assert.Equal(2, shared.Count);
        Assert.Contains(shared, f => f.Severity == FindingSeverity.Error && f.Message.StartsWith("staging and production", StringComparison.Ordinal));
        Assert.Contains(shared, f => f.Severity == FindingSeverity.Warning && f.Message.Contains("every Integration environment", StringComparison.Ordinal));
    }
}
