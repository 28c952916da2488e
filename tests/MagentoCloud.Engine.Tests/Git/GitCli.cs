using System.Diagnostics;

namespace MagentoCloud.Engine.Tests.Git;

/// <summary>Git's own command line, as anyone who can read or fetch the project remote would use it.</summary>
internal static class GitCli
{
    /// <summary>Runs git (in <paramref name="gitDirectory"/> when given) and returns its output; a failure fails the test.</summary>
    public static string Run(string? gitDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        if (gitDirectory is not null)
        {
            start.ArgumentList.Add("--git-dir");
            start.ArgumentList.Add(gitDirectory);
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var git = Process.Start(start)!;
        git.StandardInput.Close();
        var error = git.StandardError.ReadToEndAsync();
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error.Result}");
        return output;
    }
}
