using System.Security.Cryptography;
using System.Text;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// OpenSSH's known_hosts: plain names, <c>[host]:port</c>, comma lists, * and ? patterns, !negation,
/// hashed names (<c>|1|salt|hmac</c>, HMAC-SHA1 of the name keyed by the salt) and @revoked.
/// </summary>
public sealed class KnownHostsFile
{
    private static readonly object AppendLock = new();
    private readonly List<Entry> _entries;

    private KnownHostsFile(string path, List<Entry> entries)
    {
        Path = path;
        _entries = entries;
    }

    public string Path { get; }

    public static KnownHostsFile Load(string path)
    {
        var entries = new List<Entry>();
        if (File.Exists(path))
        {
            foreach (var raw in File.ReadLines(path))
            {
                if (TryParse(raw, out var entry)) entries.Add(entry!);
            }
        }
        return new KnownHostsFile(path, entries);
    }

    /// <param name="hostName">As in known_hosts: <c>host</c> or <c>[host]:port</c>.</param>
    /// <param name="keyBlob">The server's public key in SSH wire form.</param>
    public HostKeyMatch Check(string hostName, byte[] keyBlob)
    {
        var keyType = KeyType(keyBlob);
        var sameType = _entries.Where(e => e.Matches(hostName) && (e.KeyType == keyType || e.Revoked)).ToList();
        if (sameType.Any(e => e.Revoked && e.Key.AsSpan().SequenceEqual(keyBlob))) return HostKeyMatch.Changed;
        var candidates = sameType.Where(e => !e.Revoked && e.KeyType == keyType).ToList();
        if (candidates.Count == 0) return HostKeyMatch.Unknown;
        return candidates.Any(e => e.Key.AsSpan().SequenceEqual(keyBlob)) ? HostKeyMatch.Known : HostKeyMatch.Changed;
    }

    /// <summary>
    /// Checks a server's key; with <paramref name="acceptNew"/> an unknown key is appended and
    /// reported Known. One lock keeps two connections from appending the same host twice.
    /// </summary>
    public static HostKeyMatch Verify(string path, string hostName, byte[] keyBlob, bool acceptNew)
    {
        lock (AppendLock)
        {
            var match = Load(path).Check(hostName, keyBlob);
            if (match != HostKeyMatch.Unknown || !acceptNew) return match;
            Append(path, hostName, keyBlob);
            return HostKeyMatch.Known;
        }
    }

    /// <summary>Appends a plain entry, creating the file (and ~/.ssh) when missing.</summary>
    public static void Append(string path, string hostName, byte[] keyBlob)
    {
        var line = $"{hostName} {KeyType(keyBlob)} {Convert.ToBase64String(keyBlob)}\n";
        lock (AppendLock)
        {
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
            Directory.CreateDirectory(dir);
            var needsNewline = File.Exists(path) && new FileInfo(path).Length > 0 && !File.ReadAllText(path).EndsWith('\n');
            File.AppendAllText(path, (needsNewline ? "\n" : "") + line);
        }
    }

    /// <summary>OpenSSH's form: SHA256: and unpadded base64 of the key's SHA-256.</summary>
    public static string Fingerprint(byte[] keyBlob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>The key type named inside the blob itself (ssh-ed25519, ssh-rsa, ...).</summary>
    public static string KeyType(byte[] keyBlob)
    {
        if (keyBlob.Length < 4) return "";
        var length = (keyBlob[0] << 24) | (keyBlob[1] << 16) | (keyBlob[2] << 8) | keyBlob[3];
        return length > 0 && length <= keyBlob.Length - 4 ? Encoding.ASCII.GetString(keyBlob, 4, length) : "";
    }

    private static bool TryParse(string raw, out Entry? entry)
    {
        entry = null;
        var line = raw.Trim();
        if (line.Length == 0 || line[0] == '#') return false;
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var revoked = false;
        if (fields[0].StartsWith('@'))
        {
            if (fields[0] == "@revoked") revoked = true;
            else return false; // @cert-authority: certificates are not supported
            fields = fields[1..];
        }
        if (fields.Length < 3) return false;
        byte[] key;
        try { key = Convert.FromBase64String(fields[2]); }
        catch (FormatException) { return false; }
        entry = new Entry(fields[0], fields[1], key, revoked);
        return true;
    }

    private sealed record Entry(string Hosts, string KeyType, byte[] Key, bool Revoked)
    {
        public bool Matches(string hostName)
        {
            if (Hosts.StartsWith("|1|")) return HashedMatches(Hosts, hostName);
            var matched = false;
            foreach (var pattern in Hosts.Split(','))
            {
                var negated = pattern.StartsWith('!');
                var p = negated ? pattern[1..] : pattern;
                if (!Glob(p, hostName)) continue;
                if (negated) return false;
                matched = true;
            }
            return matched;
        }

        private static bool HashedMatches(string field, string hostName)
        {
            var parts = field.Split('|'); // "", "1", salt, hash
            if (parts.Length != 4) return false;
            try
            {
                var salt = Convert.FromBase64String(parts[2]);
                var hash = Convert.FromBase64String(parts[3]);
                var actual = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(hostName));
                return CryptographicOperations.FixedTimeEquals(actual, hash);
            }
            catch (FormatException) { return false; }
        }

        private static bool Glob(string pattern, string text)
        {
            if (!pattern.Contains('*') && !pattern.Contains('?'))
                return string.Equals(pattern, text, StringComparison.OrdinalIgnoreCase);
            var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$";
            return System.Text.RegularExpressions.Regex.IsMatch(text, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        }
    }
}
