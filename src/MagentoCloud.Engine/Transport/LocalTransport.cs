using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace MagentoCloud.Engine.Transport;

/// <summary>This machine: processes started directly (argv, no shell unless a script asks for one) and its files.</summary>
public sealed class LocalTransport : ITransport
{
    public string Host => "local";

    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken ct = default)
    {
        request.Validate();
        ct.ThrowIfCancellationRequested();
        if (request.WorkingDirectory is { } wd && !Directory.Exists(wd))
            throw new CloudException(CloudErrorId.CommandFailed,
                $"Cannot run '{request.Describe()}': its working directory {wd} does not exist on {Host}. Create it first.", wd);

        var psi = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = request.WorkingDirectory ?? "",
        };
        if (request.Script is not null)
        {
            psi.FileName = "/bin/sh";
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(request.Script);
        }
        else
        {
            psi.FileName = request.Arguments![0];
            foreach (var a in request.Arguments.Skip(1)) psi.ArgumentList.Add(a);
        }
        // A user's code never sees the operator's environment (it may hold other environments' secrets).
        if (request.RunsUserCode) CleanEnvironment.Apply(psi, request.Environment);
        else foreach (var (k, v) in request.Environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new CloudException(CloudErrorId.CommandFailed,
                $"Cannot start '{request.Describe()}' on {Host}: {e.Message}. Check that the program is installed and on PATH.",
                request.Describe(), e);
        }

        var stdout = new OutputPump(request.OnOutputLine, request.CaptureOutput);
        var stderr = new OutputPump(request.OnErrorLine, request.CaptureOutput);
        // Pumps run to end-of-stream on their own; the kill on cancel is what ends them early.
        var outTask = request.StandardOutput is { } sink
            ? OutputPump.CopyRawAsync(process.StandardOutput.BaseStream, sink, CancellationToken.None)
            : stdout.ReadTextAsync(process.StandardOutput.BaseStream, CancellationToken.None);
        var errTask = stderr.ReadTextAsync(process.StandardError.BaseStream, CancellationToken.None);
        var inTask = FeedInputAsync(process, request.StandardInput, ct);

        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            await Task.WhenAll(outTask, errTask).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            KillTree(process);
            await Task.WhenAny(Task.WhenAll(outTask, errTask), Task.Delay(5000, CancellationToken.None)).ConfigureAwait(false);
            throw new OperationCanceledException($"'{request.Describe()}' on {Host} was cancelled.", ct);
        }
        try { await inTask.ConfigureAwait(false); }
        catch (IOException) { /* the command exited without reading all its input: its exit code tells */ }

        return new CommandResult(process.ExitCode, stdout.Text, stderr.Text, clock.Elapsed);
    }

    private static async Task FeedInputAsync(Process process, Stream? input, CancellationToken ct)
    {
        var stdin = process.StandardInput.BaseStream;
        try
        {
            if (input is not null) await input.CopyToAsync(stdin, 81920, ct).ConfigureAwait(false);
        }
        finally
        {
            try { process.StandardInput.Close(); } catch (IOException) { }
        }
    }

    private static void KillTree(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already exited */ }
        catch (Win32Exception) { }
    }

    public async Task UploadAsync(Stream content, string path, UnixFileMode? mode = null, CancellationToken ct = default)
    {
        var temp = TempBeside(path);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (mode is { } m && !OperatingSystem.IsWindows()) options.UnixCreateMode = m;
            await using (var file = new FileStream(temp, options))
            {
                await content.CopyToAsync(file, 81920, ct).ConfigureAwait(false);
            }
            Rename(temp, path);
        }
        catch (Exception e) when (e is not OperationCanceledException and not CloudException)
        {
            TryDelete(temp);
            throw Failed("write", path, e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public async Task UploadFileAsync(string localPath, string path, UnixFileMode? mode = null, CancellationToken ct = default)
    {
        await using var source = File.OpenRead(localPath);
        await UploadAsync(source, path, mode, ct).ConfigureAwait(false);
    }

    public async Task DownloadAsync(string path, Stream destination, CancellationToken ct = default)
    {
        try
        {
            await using var source = File.OpenRead(path);
            await source.CopyToAsync(destination, 81920, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed("read", path, e);
        }
    }

    public Task CreateDirectoryAsync(string path, CancellationToken ct = default)
    {
        try { Directory.CreateDirectory(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failed("create directory", path, e); }
        return Task.CompletedTask;
    }

    public Task RenameAsync(string from, string to, CancellationToken ct = default)
    {
        Rename(from, to);
        return Task.CompletedTask;
    }

    public Task CreateSymbolicLinkAsync(string target, string linkPath, CancellationToken ct = default)
    {
        try { File.CreateSymbolicLink(linkPath, target); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failed("create symlink", linkPath, e); }
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string path, CancellationToken ct = default) => Task.FromResult(Lexists(path));

    public Task DeleteAsync(string path, bool recursive = false, CancellationToken ct = default)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null || File.Exists(path)) File.Delete(path);
            else if (Directory.Exists(path)) Directory.Delete(path, recursive);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failed("delete", path, e); }
        return Task.CompletedTask;
    }

    public async Task<string?> ReadTextAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path)) return null;
        try { return await File.ReadAllTextAsync(path, Encoding.UTF8, ct).ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failed("read", path, e); }
    }

    public async Task WriteTextAsync(string path, string text, UnixFileMode? mode = null, CancellationToken ct = default)
    {
        using var content = new MemoryStream(new UTF8Encoding(false).GetBytes(text));
        await UploadAsync(content, path, mode, ct).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static bool Lexists(string path)
    {
        var info = new FileInfo(path);
        return info.Exists || info.LinkTarget is not null || Directory.Exists(path);
    }

    internal static string TempBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.tmp-{Guid.NewGuid():N}");

    private void Rename(string from, string to)
    {
        if (OperatingSystem.IsWindows())
        {
            try { File.Move(from, to, overwrite: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failed("rename", from, e); }
            return;
        }
        // rename(2) directly: one atomic step even when 'to' is a symlink to a directory.
        if (rename(from, to) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new CloudException(CloudErrorId.TransportFailed,
                $"Cannot rename {from} to {to} on {Host}: {Marshal.GetPInvokeErrorMessage(errno)}. Check that both are in one file system and writable.",
                from);
        }
    }

    private CloudException Failed(string action, string path, Exception e) =>
        new(CloudErrorId.TransportFailed, $"Cannot {action} {path} on {Host}: {e.Message} Check the path and its permissions.", path, e);

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
