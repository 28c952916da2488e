using LibGit2Sharp;

namespace MagentoCloud.Engine.Transport;

/// <summary>One git-upload-pack or git-receive-pack on a host, as libgit2's smart protocol stream.</summary>
internal sealed class GitSshStream : SmartSubtransportStream
{
    private readonly RemoteProcess _process;
    private readonly GitSshContext? _context;
    private readonly byte[] _buffer = new byte[65536];
    private bool _readAny;

    public GitSshStream(SmartSubtransport owner, RemoteProcess process, GitSshContext? context) : base(owner)
    {
        _process = process;
        _context = context;
    }

    public override int Read(Stream dataStream, long length, out long bytesRead)
    {
        int read;
        try
        {
            read = _process.Output.Read(_buffer, 0, (int)Math.Min(length, _buffer.Length));
        }
        catch (CloudException e)
        {
            _context?.Record(e);
            throw;
        }
        if (read == 0 && !_readAny) throw Ended();
        _readAny = true;
        dataStream.Write(_buffer, 0, read);
        bytesRead = read;
        return 0;
    }

    public override int Write(Stream dataStream, long length)
    {
        try
        {
            dataStream.CopyTo(_process.Input);
            _process.Input.Flush();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw Ended();
        }
        return 0;
    }

    protected override void Free()
    {
        Close();
        base.Free();
    }

    public void Close() => _process.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The peer said nothing: its stderr tells why (no such repository, no git on the host).</summary>
    private CloudException Ended()
    {
        try { _process.Completion.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        var why = _process.ErrorText.Trim();
        var failure = new CloudException(CloudErrorId.GitFailed,
            $"'{_process.Description}' ended without answering{(why.Length > 0 ? ": " + why : "")}. " +
            "Check that the repository path in the remote URL exists on the host and that git is installed there.",
            _process.Description);
        _context?.Record(failure);
        return failure;
    }
}
