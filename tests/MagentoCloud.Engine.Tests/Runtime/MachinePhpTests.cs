using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Tests.Runtime;

/// <summary>Test-CloudProject on the local default says which PHP this machine will serve with.</summary>
public sealed class MachinePhpTests
{
    [Fact]
    public async Task A_PHP_version_and_an_extension_the_machine_lacks_are_warnings_naming_what_it_has()
    {
        var root = Directory.CreateTempSubdirectory("mc-php-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, ".magento.app.yaml"), """
                name: app
                type: php:7.1
                runtime:
                    extensions:
                        - pdo_mysql
                        - nosuchext
                web:
                    locations:
                        "/":
                            root: pub
                """);
            await new MagentoCloud.Engine.Environments.ProjectCreator().CreateAsync(root, "Shop");
            var found = MagentoCloud.Engine.Runtime.MachinePhp.FpmVersions();

            var findings = ProjectValidator.Validate(Workspace.Open(root));

            var version = Assert.Single(findings, f => f.Code == "PhpVersion");
            Assert.Equal(FindingSeverity.Warning, version.Severity);
            Assert.Equal(2, version.Line);
            Assert.Contains(found[^1], version.Message);
            var extension = Assert.Single(findings, f => f.Code == "PhpExtension");
            Assert.Contains("'nosuchext'", extension.Message);
            Assert.Equal(6, extension.Line);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
