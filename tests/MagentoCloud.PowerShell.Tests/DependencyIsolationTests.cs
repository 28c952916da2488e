using System.Runtime.Loader;
using MagentoCloud.PowerShell.Tests.Infrastructure;

namespace MagentoCloud.PowerShell.Tests;

public sealed class DependencyIsolationTests
{
    [Fact]
    public void Module_imports_and_parses_yaml_after_another_YamlDotNet_version_is_loaded()
    {
        // Another module's YamlDotNet (16.3 here) is already in the default load context.
        var other = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, string>>("a: b");
        Assert.Equal("b", other["a"]);
        var defaultYaml = typeof(YamlDotNet.Serialization.Deserializer).Assembly;
        Assert.Equal(16, defaultYaml.GetName().Version!.Major);

        using var project = TestProject.Create();
        using var session = new PowerShellSession();
        // Warnings may speak of this machine (the PHP version it has); the template itself holds no error.
        var findings = session.Invoke("Test-CloudProject -ProjectPath $args[0]", project.Path);
        Assert.DoesNotContain(findings, f => f.Properties["Severity"].Value.ToString() == "Error");
        var bad = session.Invoke("Test-CloudProject -ProjectPath $args[0] -Quiet", project.WithBrokenYaml());
        Assert.False((bool)bad.Single().BaseObject);

        var yamlCopies = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "YamlDotNet").ToList();
        var engineYaml = Assert.Single(yamlCopies, a => a.GetName().Version!.Major == 18);
        Assert.NotSame(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(engineYaml));
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(defaultYaml));
    }
}
