using System.Diagnostics;
using System.Text.RegularExpressions;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// The PHP this machine can serve with (its php-fpm versions, and the extensions of the version a
/// deploy would use), checked against <c>type: php:X.Y</c> and <c>runtime.extensions</c>: the
/// local default deploys with what it finds, so Test-CloudProject says what differs.
/// </summary>
public static partial class MachinePhp
{
    public static IReadOnlyList<CloudFinding> Check(AppConfig app, string? appText)
    {
        var lines = (appText ?? "").Split('\n');
        int LineOf(Regex pattern) => Array.FindIndex(lines, l => pattern.IsMatch(l)) + 1;
        var versions = FpmVersions();
        if (versions.Count == 0)
            return [new CloudFinding(FindingSeverity.Warning, "PhpMissing", AppConfig.File, LineOf(TypeLine()), 1,
                "This machine has no php-fpm: the local default cannot serve the application.", "Install it: apt-get install php-fpm php-mysql.")];
        var findings = new List<CloudFinding>();
        var wanted = app.Type is { } type && type.StartsWith("php:", StringComparison.Ordinal) ? type[4..] : null;
        var used = wanted is not null && versions.Contains(wanted) ? wanted : versions.Max(v => Version.TryParse(v, out var parsed) ? parsed : new Version(0, 0))!.ToString();
        if (wanted is not null && wanted != used)
            findings.Add(new CloudFinding(FindingSeverity.Warning, "PhpVersion", AppConfig.File, LineOf(TypeLine()), 1,
                $"type php:{wanted} asks for PHP {wanted}; this machine has {string.Join(", ", versions)} (php-fpm{used}), which the local default deploys with.",
                $"Install php{wanted}-fpm, or set type: php:{used}."));
        var loaded = Modules(used);
        foreach (var extension in app.RuntimeExtensions.Where(e => loaded.Count > 0 && !loaded.Contains(e.ToLowerInvariant())))
            findings.Add(new CloudFinding(FindingSeverity.Warning, "PhpExtension", AppConfig.File,
                LineOf(new Regex($@"^\s*-\s*(name:\s*)?['""]?{Regex.Escape(extension)}['""]?\s*$")), 1,
                $"runtime.extensions names '{extension}', which PHP {used} on this machine lacks.", $"Install it: apt-get install php{used}-{extension}."));
        return findings;
    }

    /// <summary>X.Y of each php-fpmX.Y on PATH and in /usr/sbin.</summary>
    internal static IReadOnlyList<string> FpmVersions()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin").Append("/usr/local/sbin").Distinct();
        return folders.Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "php-fpm*"))
            .Select(p => FpmName().Match(Path.GetFileName(p)))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().Order().ToList();
    }

    /// <summary>The lower-cased modules of PHP <paramref name="version"/>'s CLI (empty when it has none to ask).</summary>
    private static HashSet<string> Modules(string version)
    {
        foreach (var program in new[] { $"/usr/bin/php{version}", "/usr/bin/php" })
        {
            if (!File.Exists(program)) continue;
            try
            {
                using var process = Process.Start(new ProcessStartInfo(program, "-m") { RedirectStandardOutput = true, RedirectStandardError = true })!;
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(l => !l.StartsWith('[')).Select(l => l.ToLowerInvariant().Replace(' ', '_')).ToHashSet();
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
        return [];
    }

    [GeneratedRegex(@"^php-fpm(\d+\.\d+)$")]
    private static partial Regex FpmName();

    [GeneratedRegex(@"^type\s*:")]
    private static partial Regex TypeLine();
}
