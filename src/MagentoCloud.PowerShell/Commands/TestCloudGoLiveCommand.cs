using System.Management.Automation;
using MagentoCloud.Engine.Project;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

/// <summary>Checks the launch checklist a project can check by itself; nothing returned means ready.</summary>
[Cmdlet(VerbsDiagnostic.Test, "CloudGoLive", DefaultParameterSetName = "Findings")]
[OutputType(typeof(CloudFinding), ParameterSetName = ["Findings"])]
[OutputType(typeof(bool), ParameterSetName = ["Quiet"])]
public sealed class TestCloudGoLiveCommand : CloudProjectCmdlet
{
    /// <summary>The production environment (default: the environment of type Production).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    /// <summary>Returns only $true (no Error finding) or $false.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Quiet")]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessItem()
    {
        var check = new GoLiveCheck(Workspace) { Production = Environment };
        var findings = Run((o, ct) => check.RunAsync(o, ct));
        if (Quiet)
        {
            WriteObject(findings.All(f => f.Severity != FindingSeverity.Error));
            return;
        }
        WriteObject(findings, enumerateCollection: true);
    }
}
