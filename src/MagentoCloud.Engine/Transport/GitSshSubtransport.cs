using LibGit2Sharp;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// Git's ssh transport for LibGit2Sharp, over SSH.NET: runs git-upload-pack or git-receive-pack on
/// the host (the path shell-quoted) and speaks the smart protocol over the exec channel. Host keys
/// and private keys are those of <see cref="HostConnections"/>, so a remote is trusted exactly as
/// a topology host is. No git executable runs on this side.
/// </summary>
public sealed class GitSshSubtransport : SmartSubtransport
{
    private static readonly Lazy<bool> Registration = new(() =>
    {
        GlobalSettings.RegisterSmartSubtransport<GitSshSubtransport>("ssh");
        return true;
    });

    private GitSshStream? _stream;

    /// <summary>Registers the transport for ssh:// (and scp-like) URLs, once per process.</summary>
    public static void EnsureRegistered() => _ = Registration.Value;

    protected override SmartSubtransportStream Action(string url, GitSmartSubtransportAction action)
    {
        // A stateful transport: the listing's connection carries the negotiation that follows.
        if (action is GitSmartSubtransportAction.UploadPack or GitSmartSubtransportAction.ReceivePack && _stream is not null)
            return _stream;
        _stream?.Close();
        var context = GitSshContext.Current;
        try
        {
            var remote = GitSshUrl.Parse(url);
            var settings = context?.Settings ?? new SshSettings(null, null);
            var transport = HostConnections.Connect(remote.Host, settings);
            var program = action is GitSmartSubtransportAction.UploadPackList or GitSmartSubtransportAction.UploadPack
                ? "git-upload-pack" : "git-receive-pack";
            _stream = new GitSshStream(this, RemoteProcess.Start(transport, program, remote.Path), context);
            return _stream;
        }
        catch (CloudException e)
        {
            context?.Record(e);
            throw;
        }
    }

    protected override void Close()
    {
        _stream?.Close();
        _stream = null;
        base.Close();
    }
}
