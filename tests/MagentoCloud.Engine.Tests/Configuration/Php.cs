using System.Diagnostics;
using System.Text.Json;

namespace MagentoCloud.Engine.Tests.Configuration;

/// <summary>The machine's PHP interpreter, to prove that files are read and written as PHP itself reads them.</summary>
internal static class Php
{
    /// <summary>The php executable on PATH, or null.</summary>
    public static readonly string? Executable = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "php"))
        .FirstOrDefault(File.Exists);

    public const string Missing = "php is not installed (apt-get install php-cli; tests/infra/start.sh installs it): cannot check against PHP itself";

    /// <summary>
    /// Every scalar of the array a PHP file returns, as PHP reads it: path (keys joined by '/') → the
    /// value's bytes in hex for strings, or its var_export for other scalars.
    /// </summary>
    public static Dictionary<string, string> Leaves(string file)
    {
        const string script = """
            $walk = function ($array, $prefix) use (&$walk, &$out) {
                foreach ($array as $k => $v) {
                    $p = $prefix === '' ? (string)$k : $prefix . '/' . $k;
                    if (is_array($v)) { $walk($v, $p); }
                    elseif (is_string($v)) { $out[bin2hex($p)] = 's:' . bin2hex($v); }
                    else { $out[bin2hex($p)] = var_export($v, true); }
                }
            };
            $out = [];
            $walk(require $argv[1], '');
            echo json_encode($out);
            """;
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException(Missing))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-n", "-d", "display_errors=stderr", "-r", script, file },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"php failed on {file} ({process.ExitCode}): {error}{output}");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(output)!
            .ToDictionary(e => System.Text.Encoding.UTF8.GetString(Convert.FromHexString(e.Key)), e => e.Value);
    }
}

/// <summary>A fact that needs PHP; skipped, with the reason, where PHP is not installed.</summary>
public sealed class PhpFactAttribute : FactAttribute
{
    public PhpFactAttribute()
    {
        if (Php.Executable is null) Skip = Php.Missing;
    }
}
