using System.Management.Automation;
using MagentoCloud.Engine.Configuration;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsData.Export, "CloudConfig", SupportsShouldProcess = true)]
[OutputType(typeof(CloudConfigExport))]
public sealed class ExportCloudConfigCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter]
    public ConfigExportMode Mode { get; set; } = ConfigExportMode.Minimal;

    protected override void ProcessItem()
    {
        var service = ConfigurationService.ForWorkspace(Workspace);
        if (!ShouldProcess(ConfigurationService.ConfigPhpPath, $"Export {Environment}'s store configuration ({Mode})"))
        {
            // -WhatIf still shows what would change: the export is computed, nothing is written.
            if (MyInvocation.BoundParameters.ContainsKey("WhatIf"))
                WriteObject(Run((o, ct) => service.ExportAsync(Environment, Mode, whatIf: true, o, ct)));
            return;
        }
        WriteObject(Run((o, ct) => service.ExportAsync(Environment, Mode, whatIf: false, o, ct)));
    }
}
