using System.Management.Automation;
using MagentoCloud.Engine.Configuration;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "CloudConfig")]
[OutputType(typeof(CloudConfigSetting))]
public sealed class GetCloudConfigCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter(Position = 1)]
    [SupportsWildcards]
    public string? Path { get; set; }

    [Parameter]
    public ConfigScope? Scope { get; set; }

    protected override void ProcessRecord()
    {
        var service = ConfigurationService.ForWorkspace(Workspace);
        WriteObject(Run((o, ct) => service.GetAsync(Environment, Path, Scope, o, ct)), enumerateCollection: true);
    }
}
