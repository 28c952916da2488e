using System.Security.Cryptography;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Git;

/// <summary>
/// The sending side of git-receive-pack for ref updates whose objects the server already has:
/// reads the advertisement, sends the commands with their expected old ids (report-status), an
/// empty pack, and reads each ref's verdict. libgit2's push cannot say "expected old id"; this can.
/// </summary>
internal static class ReceivePack
{
    private const string Zero = "0000000000000000000000000000000000000000";

    /// <summary>Runs the commands; the result maps each ref to null (updated) or the server's reason for refusing it.</summary>
    /// <param name="pack">The objects the updates need that the server lacks; null sends an empty pack.</param>
    public static async Task<IReadOnlyDictionary<string, string?>> UpdateAsync(RemoteProcess peer, IReadOnlyList<RefCommand> commands,
        string? pack, CancellationToken ct)
    {
        try
        {
            var capabilities = await ReadAdvertisementAsync(peer.Output, ct).ConfigureAwait(false);
            if (!capabilities.Contains("report-status"))
                throw new CloudException(CloudErrorId.GitFailed,
                    $"The project remote's git-receive-pack does not report results (no report-status). Update git on the host.", peer.Description);
            var wanted = string.Join(' ', new[] { "report-status", "delete-refs", "quiet" }.Where(capabilities.Contains));
            var first = true;
            foreach (var command in commands)
            {
                var line = $"{command.Old ?? Zero} {command.New ?? Zero} {command.Ref}";
                if (first) line += "\0" + wanted;
                first = false;
                await peer.Input.WriteAsync(PktLine.Encode(line + "\n"), ct).ConfigureAwait(false);
            }
            await peer.Input.WriteAsync(PktLine.Flush, ct).ConfigureAwait(false);
            if (pack is not null)
            {
                await using var file = File.OpenRead(pack);
                await file.CopyToAsync(peer.Input, 65536, ct).ConfigureAwait(false);
            }
            else if (commands.Any(c => c.New is not null)) await peer.Input.WriteAsync(EmptyPack, ct).ConfigureAwait(false);
            await peer.Input.FlushAsync(ct).ConfigureAwait(false);
            peer.CloseInput();

            var verdicts = new Dictionary<string, string?>(StringComparer.Ordinal);
            var unpack = await PktLine.ReadAsync(peer.Output, ct).ConfigureAwait(false);
            if (unpack != "unpack ok")
                throw new CloudException(CloudErrorId.GitFailed,
                    $"The project remote could not take the update ({unpack ?? "no answer"}). {peer.ErrorText}".Trim(), peer.Description);
            while (await PktLine.ReadAsync(peer.Output, ct).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("ok ", StringComparison.Ordinal)) verdicts[line[3..]] = null;
                else if (line.StartsWith("ng ", StringComparison.Ordinal))
                {
                    var space = line.IndexOf(' ', 3);
                    verdicts[space < 0 ? line[3..] : line[3..space]] = space < 0 ? "rejected" : line[(space + 1)..];
                }
            }
            return verdicts;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException)
        {
            try { await peer.Completion.WaitAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false); } catch (Exception) { }
            var why = peer.ErrorText.Trim();
            throw new CloudException(CloudErrorId.GitFailed,
                $"'{peer.Description}' ended without answering{(why.Length > 0 ? ": " + why : "")}. " +
                "Check that the repository path in the remote URL exists on the host and that git is installed there.",
                peer.Description, e);
        }
    }

    /// <summary>Reads the refs the server advertises (not needed: the commands carry their own expectations) and its capabilities.</summary>
    private static async Task<HashSet<string>> ReadAdvertisementAsync(Stream output, CancellationToken ct)
    {
        var capabilities = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        while (await PktLine.ReadAsync(output, ct).ConfigureAwait(false) is { } line)
        {
            if (first && line.IndexOf('\0') is var nul and >= 0)
                capabilities.UnionWith(line[(nul + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            first = false;
        }
        return capabilities;
    }

    /// <summary>A pack of no objects: receive-pack expects a pack after any non-delete command.</summary>
    private static readonly byte[] EmptyPack = MakeEmptyPack();

    private static byte[] MakeEmptyPack()
    {
        byte[] header = [(byte)'P', (byte)'A', (byte)'C', (byte)'K', 0, 0, 0, 2, 0, 0, 0, 0];
        return [.. header, .. SHA1.HashData(header)];
    }
}
