using System.Diagnostics;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// What a hook or a user's command starts from on this machine: never the operator's whole
/// environment (it may hold another environment's database password), only what finds tools, writes
/// files and reaches the network; the hook's own variables come on top.
/// </summary>
public static class CleanEnvironment
{
    /// <summary>The operator's variables a hook keeps (when set); every other one is left out.</summary>
    public static readonly IReadOnlyList<string> Kept =
    [
        "PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "USER", "LOGNAME", "SHELL", "TERM",
        "COMPOSER_HOME", "SSL_CERT_FILE", "SSL_CERT_DIR",
        "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY",
    ];

    /// <summary>Empties <paramref name="start"/>'s environment but for <see cref="Kept"/>, then adds <paramref name="variables"/>.</summary>
    public static void Apply(ProcessStartInfo start, IReadOnlyDictionary<string, string>? variables)
    {
        start.Environment.Clear();
        foreach (var name in Kept)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value) start.Environment[name] = value;
        }
        if (!start.Environment.ContainsKey("PATH")) start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        foreach (var (name, value) in variables ?? new Dictionary<string, string>()) start.Environment[name] = value;
    }
}
