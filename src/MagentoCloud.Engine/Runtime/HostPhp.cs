using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// The PHP a host serves an environment with: the php-fpm it picks (the version <c>type: php:X.Y</c>
/// asks for when the host has it, else the newest it has), that PHP's version, and which of
/// <c>runtime.extensions</c> it lacks. Found by the same shell lines the web runtime starts PHP-FPM
/// with, so what Test-CloudProject -IncludeHosts reports is what a deploy uses.
/// </summary>
public sealed record HostPhp
{
    public required string Host { get; init; }

    /// <summary>X.Y of <c>type: php:X.Y</c>; null when the application names none.</summary>
    public string? Asked { get; init; }

    /// <summary>X.Y of the PHP the host runs the application with; null when it has no php-fpm.</summary>
    public string? Used { get; init; }

    /// <summary>The php-fpm program used.</summary>
    public string? Program { get; init; }

    /// <summary>runtime.extensions that PHP lacks.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    public bool VersionDiffers => Asked is not null && Used is not null && Used != Asked;

    /// <summary>What differs from what the application asks for, and what to do; null when nothing does.</summary>
    public string? Warning()
    {
        if (!VersionDiffers && Missing.Count == 0) return null;
        var said = VersionDiffers
            ? $"{Host}: the application asks for PHP {Asked} (type: php:{Asked}), which this host lacks; it runs with PHP {Used} ({Program})"
            : $"{Host}: PHP {Used} ({Program})";
        if (Missing.Count > 0)
            said += $"{(VersionDiffers ? ", which" : "")} lacks runtime.extensions {string.Join(", ", Missing)}";
        var install = new List<string>();
        if (VersionDiffers) install.Add($"php{Asked}-fpm");
        install.AddRange(Missing.Select(e => $"php{(VersionDiffers ? Asked : Used)}-{e}"));
        return $"{said}. Install {string.Join(" ", install)} there (Debian: apt-get install), or change .magento.app.yaml.";
    }

    /// <summary>
    /// Shell lines that need <c>program</c>, <c>PHPV</c> (the version asked, may be empty) and <c>EXTS</c>
    /// (extensions, space-separated, may be empty): sets <c>FPM</c> (exits 2 when the host has none) and
    /// prints <c>MC: php-fpm PATH</c>, <c>MC: php-version X.Y</c> and <c>MC: php-missing EXT…</c>.
    /// </summary>
    internal const string ChooseScript = """
        FPM=$(program ${PHPV:+php-fpm$PHPV} php-fpm php-fpm8.4 php-fpm8.3 php-fpm8.2 php-fpm8.1 php-fpm8.0 php-fpm7.4) || {
            echo "PHP-FPM is not installed on this host (looked for php-fpm${PHPV:+$PHPV} on PATH and in /usr/sbin). Install it (Debian: apt-get install php-fpm php-mysql)." >&2; exit 2; }
        echo "MC: php-fpm $FPM"
        if [ -n "$PHPV$EXTS" ]; then
            # php-fpmX.Y names its version; only an unversioned php-fpm is asked (a deploy spends no exec on it).
            case "${FPM##*/}" in
                php-fpm[0-9]*.[0-9]*) echo "MC: php-version ${FPM##*/php-fpm}" ;;
                *) echo "MC: php-version $("$FPM" -v 2>/dev/null | sed -n '1s/^PHP \([0-9]*\.[0-9]*\).*/\1/p')" ;;
            esac
            if [ -n "$EXTS" ]; then
                mods=$("$FPM" -m 2>/dev/null | tr 'A-Z ' 'a-z_')
                missing=""
                for e in $EXTS; do printf '%s\n' "$mods" | grep -qxF "$e" || missing="$missing $e"; done
                echo "MC: php-missing$missing"
            fi
        fi

        """;

    /// <summary>The lines that set PHPV and EXTS for <see cref="ChooseScript"/>.</summary>
    internal static string Variables(string? asked, IReadOnlyList<string> extensions) =>
        $"PHPV={ShellQuote.Quote(asked ?? "")}\nEXTS={ShellQuote.Quote(string.Join(' ', extensions.Select(e => e.ToLowerInvariant())))}\n";

    /// <summary>Reads what <see cref="ChooseScript"/> printed (the <c>MC: </c> prefix already taken off).</summary>
    public static HostPhp Parse(string host, string? asked, IEnumerable<string> said)
    {
        string? program = null, version = null;
        IReadOnlyList<string> missing = [];
        foreach (var line in said)
        {
            if (line.StartsWith("php-fpm ", StringComparison.Ordinal)) program = line["php-fpm ".Length..];
            else if (line.StartsWith("php-version", StringComparison.Ordinal)) version = line["php-version".Length..].Trim();
            else if (line.StartsWith("php-missing", StringComparison.Ordinal))
                missing = line["php-missing".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        return new HostPhp { Host = host, Asked = asked, Program = program, Used = string.IsNullOrEmpty(version) ? null : version, Missing = missing };
    }

    /// <summary>Asks a host (without touching it) which PHP it would serve with.</summary>
    public static async Task<HostPhp> ProbeAsync(ITransport transport, string? asked, IReadOnlyList<string> extensions, CancellationToken cancellationToken)
    {
        var result = await transport.RunAsync(new CommandRequest
        {
            Script = WebRuntime.Functions + Variables(asked, extensions) + ChooseScript,
        }, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == 2)
            return new HostPhp { Host = transport.Host, Asked = asked };
        if (result.ExitCode != 0)
            throw new CloudException(CloudErrorId.TransportFailed, $"{transport.Host}: checking its PHP failed (exit {result.ExitCode}): {result.Error.Trim()}", transport.Host);
        return Parse(transport.Host, asked, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("MC: ", StringComparison.Ordinal)).Select(l => l[4..]));
    }
}
