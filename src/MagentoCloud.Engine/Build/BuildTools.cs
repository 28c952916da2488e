using System.Text;
using System.Text.Json.Nodes;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Build;

/// <summary>
/// <c>dependencies:</c> of <c>.magento.app.yaml</c> (<c>php:</c> Composer packages, <c>composer/composer</c>
/// choosing Composer's own version; <c>nodejs:</c> npm packages), installed for the build into the
/// project's <c>tools/</c> folder (on the build host, or <c>.magento/local/tools</c>) and put first on
/// the build's PATH. Installed again only when the list changes. A registry that cannot be reached
/// fails the build saying which one.
/// </summary>
public static class BuildTools
{
    /// <summary>Exit codes of <see cref="Script"/>: the tool that installs is missing; a registry failed.</summary>
    public const int ToolMissing = 127, PhpRegistryFailed = 86, NodeRegistryFailed = 87;

    /// <summary>The packages of one kind (<c>php</c>, <c>nodejs</c>) as name → version constraint, in file order.</summary>
    public static IReadOnlyList<(string Name, string Version)> Packages(AppDocument app, string kind) =>
        ((app.Json["dependencies"] as JsonObject)?[kind] as JsonObject)?
            .Select(p => (p.Key, p.Value?.ToString() is { Length: > 0 } v ? v : "*")).ToList() ?? [];

    public static bool Any(AppDocument app) => Packages(app, "php").Count > 0 || Packages(app, "nodejs").Count > 0;

    /// <summary>The folders that go first on the build's PATH (the installed tools' commands).</summary>
    public static string PathPrefix(string tools) => $"{tools}/php/vendor/bin:{tools}/node/node_modules/.bin";

    /// <summary>A POSIX script that installs the dependencies into <paramref name="tools"/>; null when there are none.</summary>
    public static string? Script(AppDocument app, string tools)
    {
        if (!Any(app)) return null;
        var script = new StringBuilder($"cd {ShellQuote.Quote(tools)} || exit 1\n");
        var php = Packages(app, "php");
        if (php.Count > 0)
        {
            var wanted = string.Join(' ', php.Select(p => $"{p.Name}:{p.Version}"));
            script.Append($"mkdir -p php && if [ \"$(cat php/.installed 2>/dev/null)\" != {ShellQuote.Quote(wanted)} ]; then\n")
                .Append($"  command -v composer >/dev/null 2>&1 || {{ echo 'Composer is needed to install dependencies.php' >&2; exit {ToolMissing}; }}\n")
                .Append("  [ -f php/composer.json ] || echo '{}' > php/composer.json\n")
                .Append("  echo 'Installing dependencies.php: ").Append(wanted.Replace("'", "")).Append("'\n")
                .Append($"  composer --working-dir=php require --no-interaction --no-progress {ShellQuote.Join(php.Select(p => $"{p.Name}:{p.Version}").ToList())} || exit {PhpRegistryFailed}\n")
                .Append($"  printf '%s' {ShellQuote.Quote(wanted)} > php/.installed\nfi\n");
        }
        var node = Packages(app, "nodejs");
        if (node.Count > 0)
        {
            var wanted = string.Join(' ', node.Select(p => $"{p.Name}@{p.Version}"));
            script.Append($"mkdir -p node && if [ \"$(cat node/.installed 2>/dev/null)\" != {ShellQuote.Quote(wanted)} ]; then\n")
                .Append($"  command -v npm >/dev/null 2>&1 || {{ echo 'npm is needed to install dependencies.nodejs' >&2; exit {ToolMissing}; }}\n")
                .Append("  echo 'Installing dependencies.nodejs: ").Append(wanted.Replace("'", "")).Append("'\n")
                .Append($"  npm install --no-audit --no-fund --no-save --prefix node {ShellQuote.Join(node.Select(p => $"{p.Name}@{p.Version}").ToList())} || exit {NodeRegistryFailed}\n")
                .Append($"  printf '%s' {ShellQuote.Quote(wanted)} > node/.installed\nfi\n");
        }
        return script.ToString();
    }

    /// <summary>The error for a failed install (<paramref name="exitCode"/> from <see cref="Script"/>), ending with its last lines.</summary>
    public static CloudException Failed(int exitCode, string where, string lastLines)
    {
        var tail = lastLines.Length > 0 ? $" Its last lines: {lastLines}." : "";
        return exitCode switch
        {
            PhpRegistryFailed => new CloudException(CloudErrorId.BuildFailed,
                $"dependencies.php of .magento.app.yaml could not be installed on {where}: Composer's registry (packagist.org, or the repositories " +
                $"that COMPOSER_HOME's config names) is unreachable or refused a package.{tail} No slug was stored. Make the registry reachable from " +
                "there (a proxy in https_proxy, or a mirror in COMPOSER_HOME/config.json), or remove the dependency.", "dependencies"),
            NodeRegistryFailed => new CloudException(CloudErrorId.BuildFailed,
                $"dependencies.nodejs of .magento.app.yaml could not be installed on {where}: npm's registry (registry.npmjs.org, or npm_config_registry) " +
                $"is unreachable or refused a package.{tail} No slug was stored. Make the registry reachable from there, or remove the dependency.", "dependencies"),
            ToolMissing => new CloudException(CloudErrorId.BuildToolMissing,
                $"dependencies of .magento.app.yaml need Composer or npm on {where}, and it is not installed.{tail} Install it on the build user's PATH.", "dependencies"),
            _ => new CloudException(CloudErrorId.BuildFailed,
                $"Installing dependencies of .magento.app.yaml on {where} failed with exit code {exitCode}.{tail} No slug was stored.", "dependencies"),
        };
    }
}
