using System.Management.Automation;
using MagentoCloud.Engine.Configuration;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell;

/// <summary>What Set- and Remove-CloudConfig share: one setting of one environment's database, at a scope.</summary>
public abstract class CloudConfigSettingCmdlet : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Path { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public ConfigScope Scope { get; set; } = ConfigScope.Default;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ScopeCode { get; set; }

    /// <summary>The ShouldProcess target: the environment and the scope.</summary>
    protected string SettingTarget => $"{Environment} ({Scope}{(ScopeCode is null ? "" : " " + ScopeCode)})";
}
