using System.Management.Automation;
using MagentoCloud.Engine;
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

    protected override void ProcessItem()
    {
        var service = ConfigurationService.ForWorkspace(Workspace);
        WriteFound(Run((o, ct) => service.GetAsync(Environment, Path, Scope, o, ct)), Path, () =>
            new CloudException(CloudErrorId.ConfigSettingNotFound,
                $"'{Path}' is not set in {Environment}{(Scope is null ? "" : $" at the {Scope} scope")}. Get-CloudConfig -Environment {Environment} lists every setting.", Path));
    }
}
