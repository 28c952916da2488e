using System.Management.Automation;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsData.Sync, "CloudEnvironment", SupportsShouldProcess = true)]
[OutputType(typeof(CloudActivity), typeof(CloudDatabaseCopy))]
public sealed class SyncCloudEnvironmentCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter]
    public SwitchParameter Code { get; set; }

    [Parameter]
    public SwitchParameter Data { get; set; }

    [Parameter]
    public SwitchParameter Rebase { get; set; }

    /// <summary>Skip the deploy that follows the change.</summary>
    [Parameter]
    public SwitchParameter NoDeploy { get; set; }

    [Parameter]
    public SwitchParameter Sanitize { get; set; }

    [Parameter]
    public SwitchParameter NoSnapshot { get; set; }

    /// <summary>Keep the destination's Redis cache databases instead of emptying them.</summary>
    [Parameter]
    public SwitchParameter KeepCache { get; set; }

    [Parameter]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; }

    protected override void ProcessItem()
    {
        if (!Code && !Data)
        {
            ThrowTerminatingError(ToErrorRecord(new CloudException(CloudErrorId.InvalidArgument,
                "Say what to synchronize: -Code brings the parent's code into this environment, -Data its database and mounts; both may be given.",
                Environment)));
        }
        CloudActivity? code = null;
        if (Code && ShouldProcess(Environment, Rebase ? "Rebase onto its parent's code" : "Merge its parent's code"))
        {
            var service = Workspace.Environments;
            code = Run((o, ct) => service.SyncCodeAsync(Environment, Rebase, o, ct));
            WriteObject(code);
        }
        if (Data && ShouldProcess(Environment, "Replace its database and mounts with its parent's"))
        {
            var options = new DatabaseCopyOptions
            {
                Sanitize = MyInvocation.BoundParameters.ContainsKey(nameof(Sanitize)) ? Sanitize.IsPresent : null,
                NoSnapshot = NoSnapshot, KeepCache = KeepCache,
                ThrottleLimit = ThrottleLimit > 0 ? ThrottleLimit : null,
            };
            WriteObject(Run((o, ct) => new DatabaseCopyService(Workspace).SyncDataAsync(Environment, options, o, ct)));
        }
        // Deploy last, so the new code meets the new data.
        if (code is not null && !NoDeploy) DeployChange(code.Environment ?? Environment, ActivityType.Synchronize);
    }
}
