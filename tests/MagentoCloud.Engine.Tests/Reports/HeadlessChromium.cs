using System.Diagnostics;

namespace MagentoCloud.Engine.Tests.Reports;

/// <summary>Debian's chromium, headless, as a user's browser stands in for it: renders a file and hands back its DOM or a screenshot.</summary>
internal static class HeadlessChromium
{
    public static string Executable { get; } = Find();

    /// <summary>The DOM after the page rendered, serialized.</summary>
    public static string DumpDom(string htmlFile) => Run(htmlFile, "--dump-dom").Output;

    /// <summary>Renders the page into a PNG of the given size.</summary>
    public static void Screenshot(string htmlFile, string pngFile, int width = 1280, int height = 2400) =>
        Run(htmlFile, $"--screenshot={pngFile}", $"--window-size={width},{height}", "--hide-scrollbars");

    private static (string Output, string Error) Run(string htmlFile, params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("mc-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var flag in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", $"--user-data-dir={profile}",
                     })
                start.ArgumentList.Add(flag);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.ArgumentList.Add(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish rendering within 90 seconds: " + error.Result);
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {error.Result}");
            return (output.Result, error.Result);
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string Find()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
            if (File.Exists(candidate)) return candidate;
        throw new InvalidOperationException("chromium is not installed. tests/infra/start.sh installs it (apt-get install chromium).");
    }
}
