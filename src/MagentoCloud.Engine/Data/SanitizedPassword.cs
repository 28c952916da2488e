using System.Security.Cryptography;
using System.Text;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// The password every sanitized account gets (rule action <c>hash</c>), so a sanitized copy stays
/// usable: the first admin user logs in with its own username and this password, and so does any
/// customer with its new fake email. It is public on purpose; it protects nothing but test data.
/// </summary>
public static class SanitizedPassword
{
    /// <summary>The documented password: <c>Sanitized-Passw0rd</c>.</summary>
    public const string Password = "Sanitized-Passw0rd";

    private const string Salt = "magentocloudsanitizedpasswordslt";

    /// <summary>
    /// Magento's hash of <see cref="Password"/> in its version-1 form, sha256(salt + password):salt:1,
    /// which Magento 2.4 still accepts and upgrades to its current algorithm at the first login.
    /// </summary>
    public static readonly string MagentoHash =
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Salt + Password))).ToLowerInvariant() + ":" + Salt + ":1";
}
