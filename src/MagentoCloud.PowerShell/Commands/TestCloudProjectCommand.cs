using System.Management.Automation;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.PowerShell.Commands;

/// <summary>Checks the project's files as Magento Cloud and ece-tools would, before a push finds out.</summary>
[Cmdlet(VerbsDiagnostic.Test, "CloudProject", DefaultParameterSetName = "Findings")]
[OutputType(typeof(CloudFinding), ParameterSetName = ["Findings"])]
[OutputType(typeof(bool), ParameterSetName = ["Quiet"])]
public sealed class TestCloudProjectCommand : CloudProjectCmdlet
{
    /// <summary>Returns only $true (no Error) or $false.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Quiet")]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Also connects to every SSH host of the topology and checks the PHP it would serve with.</summary>
    [Parameter]
    public SwitchParameter IncludeHosts { get; set; }

    protected override bool RequiresTopology => false;

    protected override void ProcessItem()
    {
        var findings = ProjectValidator.Validate(Workspace);
        if (IncludeHosts)
        {
            var workspace = Workspace;
            findings = [.. findings, .. Run((_, ct) => Engine.Runtime.HostPhpCheck.CheckAsync(workspace, ct))];
        }
        if (Quiet)
        {
            WriteObject(findings.All(f => f.Severity != FindingSeverity.Error));
            return;
        }
        foreach (var finding in findings)
            WriteObject(finding);
    }
}
