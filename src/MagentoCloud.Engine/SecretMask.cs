using System.Text;
using System.Text.Json;

namespace MagentoCloud.Engine;

/// <summary>
/// The secrets an operation knows (sensitive variables, database passwords, the encoded
/// relationships and variables that carry them), to blank out of every line it logs or returns:
/// a hook that echoes one leaves <see cref="Mask"/> in the activity instead.
/// </summary>
public sealed class SecretMask
{
    public const string Mask = "********";

    public static readonly SecretMask None = new([]);

    private readonly string[] _given;
    private readonly string[] _secrets;

    public SecretMask(IEnumerable<string?> secrets)
    {
        _given = secrets.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).Distinct(StringComparer.Ordinal).ToArray();
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in _given)
        {
            all.Add(secret);
            // As JSON writes it (MAGENTO_CLOUD_VARIABLES decoded), and as base64 when it stands alone.
            all.Add(JsonSerializer.Serialize(secret)[1..^1]);
            all.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)));
        }
        // Longest first, so a secret that holds another is blanked whole.
        _secrets = all.OrderByDescending(s => s.Length).ToArray();
    }

    /// <summary>Every string blanked (each secret and its encoded forms), longest first: for a host that masks on its own.</summary>
    internal IReadOnlyList<string> Secrets => _secrets;

    /// <summary>True when there is nothing to blank.</summary>
    public bool IsEmpty => _secrets.Length == 0;

    /// <summary>This mask and <paramref name="more"/> secrets.</summary>
    public SecretMask With(IEnumerable<string?> more) => new(_given.Concat(more));

    /// <summary><paramref name="text"/> with every known secret replaced by <see cref="Mask"/>.</summary>
    public string Apply(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }
}
