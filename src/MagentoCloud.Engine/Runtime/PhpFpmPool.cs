using System.Security.Cryptography;
using System.Text;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// An environment's PHP-FPM pool on a host, one per live release: started with the release's
/// runtime variables in its own process environment (sourced from the release's mode-600
/// runtime.env by the starting shell), so values reach PHP without being written into its
/// configuration or onto a command line. A new release gets a new pool on a new socket; nginx
/// always connects through the environment's stable <see cref="Link"/>, which is switched to the
/// new socket by rename, so nginx needs no reload, and the old pool stops gracefully after it
/// (no request is dropped, and no opcache holds the old code).
/// </summary>
public sealed class PhpFpmPool(string environment, string environmentRoot)
{
    public string Environment { get; } = environment;

    public string RunFolder { get; } = environmentRoot.TrimEnd('/') + "/run";

    public string ConfigFile(string release) => $"{RunFolder}/php-fpm-{release}.conf";

    public string PidFile(string release) => $"{RunFolder}/php-fpm-{release}.pid";

    public string LogFile => RunFolder + "/php-fpm.log";

    /// <summary>
    /// Unix socket paths are limited to 107 bytes; a deep environment folder keeps its sockets in a
    /// private folder under /tmp named for it instead.
    /// </summary>
    public string SocketFolder => RunFolder.Length + 40 < 100
        ? RunFolder
        : "/tmp/magento-cloud-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(RunFolder)))[..16].ToLowerInvariant();

    public string Socket(string release) => $"{SocketFolder}/php-{release}.sock";

    /// <summary>The path nginx connects to: a symbolic link to the live release's socket, replaced by rename.</summary>
    public string Link => SocketFolder + "/php.sock";

    /// <summary>
    /// The pool's configuration without its variables: the starting shell appends one
    /// <c>env[NAME] = $NAME</c> line per variable of the environment's runtime.env and the release's release.env (names only; the values
    /// come from the master's environment).
    /// </summary>
    public string RenderConfig(string release)
    {
        var text = new StringBuilder();
        text.Append("; Written by MagentoCloud for release ").Append(release).Append(". Do not edit.\n");
        text.Append("[global]\n");
        text.Append("pid = ").Append(IniQuote(PidFile(release))).Append('\n');
        text.Append("error_log = ").Append(IniQuote(LogFile)).Append('\n');
        text.Append("daemonize = yes\n");
        text.Append("process_control_timeout = 30s\n");
        text.Append('[').Append(Environment).Append("]\n");
        // Only consulted when the deploying user is root; ignored (with a notice) otherwise.
        text.Append("user = \"${MC_RUN_USER}\"\ngroup = \"${MC_RUN_GROUP}\"\n");
        text.Append("listen = ").Append(IniQuote(Socket(release))).Append('\n');
        text.Append("listen.mode = 0600\n");
        text.Append("pm = ondemand\npm.max_children = 8\npm.process_idle_timeout = 30s\npm.max_requests = 500\n");
        text.Append("catch_workers_output = yes\ndecorate_workers_output = no\n");
        text.Append("clear_env = yes\n");
        text.Append("env[PATH] = $PATH\n");
        text.Append("php_admin_value[error_log] = ").Append(IniQuote(RunFolder + "/php-error.log")).Append('\n');
        text.Append("php_admin_flag[log_errors] = on\n");
        return text.ToString();
    }

    private static string IniQuote(string path)
    {
        if (path.IndexOfAny(['"', '$', '\\', '\n']) >= 0)
            throw new CloudException(CloudErrorId.InvalidArgument, $"The folder '{path}' holds a character PHP-FPM's configuration cannot carry (\", $, \\).", path);
        return "\"" + path + "\"";
    }
}
