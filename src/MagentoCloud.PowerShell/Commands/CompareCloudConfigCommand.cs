using System.Management.Automation;
using MagentoCloud.Engine.Configuration;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsData.Compare, "CloudConfig", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(CloudConfigDifference))]
public sealed class CompareCloudConfigCommand : CloudProjectCmdlet
{
    private const string EnvironmentSet = "Environment";
    private const string FileSet = "ConfigFile";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = EnvironmentSet)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string ReferenceEnvironment { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = FileSet)]
    public string ConfigFile { get; set; } = "";

    protected override void ProcessItem()
    {
        var service = ConfigurationService.ForWorkspace(Workspace);
        if (ParameterSetName == FileSet)
        {
            var file = GetUnresolvedProviderPathFromPSPath(ConfigFile);
            WriteObject(Run((o, ct) => service.CompareWithFileAsync(Environment, file, o, ct)), enumerateCollection: true);
        }
        else
        {
            WriteObject(Run((o, ct) => service.CompareAsync(Environment, ReferenceEnvironment, o, ct)), enumerateCollection: true);
        }
    }
}
