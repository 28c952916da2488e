using System.Management.Automation;
using MagentoCloud.Engine.Data;

using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsData.Import, "CloudDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudDatabaseCopy))]
public sealed class ImportCloudDatabaseCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    public string Path { get; set; } = "";

    [Parameter]
    public SwitchParameter NoSnapshot { get; set; }

    /// <summary>Keep the environment's Redis cache databases instead of emptying them.</summary>
    [Parameter]
    public SwitchParameter KeepCache { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; }

    protected override void ProcessItem()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(Environment, $"Replace its database with the dump {path}")) return;
        var options = new DatabaseCopyOptions { NoSnapshot = NoSnapshot, KeepCache = KeepCache, Force = Force,
            ThrottleLimit = ThrottleLimit > 0 ? ThrottleLimit : null };
        WriteObject(Run((o, ct) => new DatabaseCopyService(Workspace).ImportAsync(Environment, path, options, o, ct)));
    }
}
