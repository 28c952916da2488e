using System.Management.Automation;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Transport;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

/// <summary>
/// Trusts a new SSH host: shows the key it offers (type and SHA256 fingerprint) and, once confirmed,
/// adds it to known_hosts. Keys already known are written as Known; a changed key is refused.
/// </summary>
[Cmdlet(VerbsCommon.Add, "CloudKnownHost", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(CloudHostKey))]
public sealed class AddCloudKnownHostCommand : CloudProjectCmdlet
{
    private const string EnvironmentSet = "Environment";
    private const string HostSet = "Host";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = EnvironmentSet)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    /// <summary>user@host[:port], as in .magento/topology.yaml.</summary>
    [Parameter(Mandatory = true, ParameterSetName = HostSet)]
    [ValidateNotNullOrEmpty]
    public string HostName { get; set; } = "";

    /// <summary>Default: ~/.ssh/known_hosts.</summary>
    [Parameter(ParameterSetName = HostSet)]
    [ValidateNotNullOrEmpty]
    public string? KnownHostsFile { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessItem()
    {
        IReadOnlyList<CloudHostKey> keys;
        if (ParameterSetName == HostSet)
        {
            var knownHosts = KnownHostsFile is null ? null : GetUnresolvedProviderPathFromPSPath(KnownHostsFile);
            keys = [Run((_, ct) => HostKeyScan.ScanAsync(Parse(HostName), knownHosts, ct))];
        }
        else
        {
            var service = Workspace.Deployments;
            keys = Run((_, ct) => service.ScanHostKeysAsync(Environment, ct));
        }
        foreach (var key in keys)
        {
            if (key.Status == HostKeyMatch.Unknown)
            {
                var target = $"{key.Host} ({key.KeyType} {key.Fingerprint})";
                // -Force skips the question, never -WhatIf.
                var approved = Force && !WhatIfRequested ? true : ShouldProcess(target, $"Trust this host key and add it to {key.KnownHostsFile}");
                if (!approved) continue;
            }
            try
            {
                // Trust refuses a changed key (HostKeyChanged): it is never replaced here.
                WriteObject(key.Status == HostKeyMatch.Known ? key : HostKeyScan.Trust(key));
            }
            catch (CloudException e)
            {
                WriteCloudError(e);
            }
        }
    }

    private SshHost Parse(string spec)
    {
        try
        {
            return SshHost.Parse(spec);
        }
        catch (CloudException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
            throw; // not reached
        }
    }
}
