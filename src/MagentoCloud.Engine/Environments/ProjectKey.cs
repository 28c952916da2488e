using System.Security.Cryptography;
using System.Text;

namespace MagentoCloud.Engine.Environments;

/// <summary>
/// The key that encrypts a project's sensitive values (AES-256-GCM), held by the team, never by the
/// project remote: a file per project and key under the user's configuration folder
/// (<c>~/.config/magento-cloud/keys/&lt;project&gt;.&lt;key&gt;.key</c>, mode 600), or the
/// <see cref="EnvironmentVariable"/> of the session (runbooks, CI). Its id (a hash of it, never the key)
/// is written beside each value, so a machine without the key says which one it lacks.
/// </summary>
public sealed class ProjectKey
{
    /// <summary>A session variable holding the key in base64; it wins over the key files.</summary>
    public const string EnvironmentVariable = "MAGENTO_CLOUD_SECRET_KEY";

    private const string Prefix = "mcenc:v1:";

    private readonly byte[] _key;

    private ProjectKey(byte[] key)
    {
        _key = key;
        Id = Convert.ToHexString(SHA256.HashData(key))[..12].ToLowerInvariant();
    }

    /// <summary>Names the key without revealing it.</summary>
    public string Id { get; }

    /// <summary>The folder of key files: <c>$XDG_CONFIG_HOME/magento-cloud/keys</c>, else <c>~/.config/magento-cloud/keys</c>.</summary>
    public static string Folder =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } config ? config : Path.Combine(HomePath.Directory, ".config"),
            "magento-cloud", "keys");

    /// <summary>Where the key <paramref name="keyId"/> of project <paramref name="projectId"/> is kept.</summary>
    public static string PathFor(string projectId, string keyId) => Path.Combine(Folder, $"{projectId}.{keyId}.key");

    /// <summary>A new random key (not saved).</summary>
    public static ProjectKey New() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key <paramref name="keyId"/>, from the session variable or its file; null when this machine lacks it.</summary>
    public static ProjectKey? Find(string projectId, string keyId)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given && Parse(given) is { } fromSession && fromSession.Id == keyId)
            return fromSession;
        var path = PathFor(projectId, keyId);
        return File.Exists(path) && Parse(File.ReadAllText(path)) is { } fromFile && fromFile.Id == keyId ? fromFile : null;
    }

    /// <summary>The key, or SecretKeyMissing saying where to put it.</summary>
    public static ProjectKey Require(string projectId, string keyId) => Find(projectId, keyId)
        ?? throw new CloudException(CloudErrorId.SecretKeyMissing,
            $"This project's sensitive variables are encrypted with key {keyId}, which this machine does not have. " +
            $"Ask a teammate who has it for the file {Path.GetFileName(PathFor(projectId, keyId))} (over a private channel, never through Git) " +
            $"and put it in {Folder} (mode 600), or set ${EnvironmentVariable} to its content.", keyId);

    /// <summary>Writes the key to its file, readable by its owner only (the folder too).</summary>
    public string Save(string projectId)
    {
        Directory.CreateDirectory(Folder);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = PathFor(projectId, Id);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(temporary, Encoding.ASCII, options))
            file.Write(Convert.ToBase64String(_key) + "\n");
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>True when <paramref name="stored"/> is an encrypted value.</summary>
    public static bool IsEncrypted(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The id of the key that encrypted <paramref name="stored"/>.</summary>
    public static string KeyIdOf(string stored) => stored[Prefix.Length..].Split(':')[0];

    /// <summary>Encrypts <paramref name="value"/>, bound to <paramref name="name"/> (a value moved to another name does not decrypt).</summary>
    public string Encrypt(string name, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var sealedBytes = new byte[nonce.Length + plain.Length + AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(_key, AesGcm.TagByteSizes.MaxSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(nonce.Length, plain.Length), sealedBytes.AsSpan(nonce.Length + plain.Length), Encoding.UTF8.GetBytes(name));
        nonce.CopyTo(sealedBytes, 0);
        return $"{Prefix}{Id}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>Decrypts a value this key encrypted for <paramref name="name"/>.</summary>
    public string Decrypt(string name, string stored)
    {
        var parts = stored[Prefix.Length..].Split(':');
        var sealedBytes = Convert.FromBase64String(parts[1]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[sealedBytes.Length - nonceSize - tagSize];
        using var aes = new AesGcm(_key, tagSize);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, nonceSize), sealedBytes.AsSpan(nonceSize, plain.Length), sealedBytes.AsSpan(nonceSize + plain.Length), plain,
                Encoding.UTF8.GetBytes(name));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CloudException(CloudErrorId.SecretKeyMissing,
                $"The stored value of sensitive variable '{name}' does not decrypt with key {Id}: it was changed outside MagentoCloud. Set it again with Set-CloudVariable.",
                name, e);
        }
        return Encoding.UTF8.GetString(plain);
    }

    private static ProjectKey? Parse(string text)
    {
        try
        {
            var bytes = Convert.FromBase64String(text.Trim());
            return bytes.Length == 32 ? new ProjectKey(bytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
