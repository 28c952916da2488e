using MagentoCloud.PowerShell.Tests.Infrastructure;

namespace MagentoCloud.PowerShell.Tests;

/// <summary>Tab completion as a person meets it: TabExpansion2 in a session with the built module.</summary>
public sealed class CompletionTests : IClassFixture<CompletionTests.DeployedProject>
{
    private readonly DeployedProject _project;

    public CompletionTests(DeployedProject project) => _project = project;

    /// <summary>A project made with New-CloudProject, a branch, and master deployed twice (two releases).</summary>
    public sealed class DeployedProject : IDisposable
    {
        public DeployedProject()
        {
            Folder = Directory.CreateTempSubdirectory("mc-complete-").FullName;
            Path = System.IO.Path.Combine(Folder, "shop");
            Session = new PowerShellSession();
            Session.Invoke("""
                New-CloudProject -Path $args[0] -Confirm:$false | Out-Null
                Set-Location $args[0]
                New-CloudBranch -Environment sprint-1 -Confirm:$false | Out-Null
                Invoke-CloudDeploy master -Confirm:$false | Out-Null
                Invoke-CloudDeploy master -Confirm:$false | Out-Null
                """, Path);
        }

        public string Folder { get; }

        public string Path { get; }

        public PowerShellSession Session { get; }

        public void Dispose()
        {
            // The deploys started the environments' nginx and PHP-FPM: stop them (and MariaDB) while the module is loaded.
            Session.Invoke("Stop-CloudLocalRuntime -ProjectPath $args[0] -Confirm:$false | Out-Null", Path);
            Session.Dispose();
            // The deploys started the project's private MariaDB (its relationships need a database): stop it first.
            var pidFile = System.IO.Path.Combine(Path, ".magento", "local", "mysql", "mariadbd.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            {
                try
                {
                    using var server = System.Diagnostics.Process.GetProcessById(pid);
                    server.Kill();
                    server.WaitForExit(30_000);
                }
                catch (ArgumentException) { /* already gone */ }
            }
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }

    private List<(string Text, string Tooltip)> Complete(string input, string? location = null)
    {
        var output = _project.Session.Invoke("""
            param($inputScript, $location)
            if ($location) { Push-Location $location }
            try {
                (TabExpansion2 -inputScript $inputScript -cursorColumn $inputScript.Length).CompletionMatches |
                    ForEach-Object { "$($_.CompletionText)`t$($_.ToolTip)" }
            } finally { if ($location) { Pop-Location } }
            """, input, location ?? _project.Path);
        return output.Select(o => o.ToString().Split('\t', 2)).Select(p => (p[0], p[1])).ToList();
    }

    [Fact]
    public void Environment_completes_the_current_projects_names_with_type_and_status()
    {
        var all = Complete("Invoke-CloudDeploy -Environment ");
        Assert.Equal(["master", "production", "sprint-1", "staging"], all.Select(c => c.Text));
        Assert.Contains("Production", all.Single(c => c.Text == "production").Tooltip);

        Assert.Equal(["sprint-1", "staging"], Complete("Get-CloudEnvironment s").Select(c => c.Text));
        Assert.Equal(["production"], Complete("New-CloudBranch hotfix -Parent pro").Select(c => c.Text));
        Assert.Equal(["staging"], Complete("Compare-CloudConfig -Environment master -ReferenceEnvironment st").Select(c => c.Text));
        Assert.Equal(["master"], Complete("Merge-CloudBranch -Name ma").Select(c => c.Text));
    }

    [Fact]
    public void Environment_completion_finds_the_project_from_ProjectPath_on_the_command_line()
    {
        var elsewhere = Path.GetTempPath();
        var names = Complete($"Get-CloudRelease -ProjectPath '{_project.Path}' -Environment m", elsewhere);
        Assert.Equal(["master"], names.Select(c => c.Text));
    }

    [Fact]
    public void Completion_outside_a_project_offers_nothing_and_writes_no_error()
    {
        var (output, errors) = _project.Session.InvokeWithErrors("""
            Push-Location ([IO.Path]::GetTempPath())
            $line = 'Invoke-CloudDeploy -Environment '
            try { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.Count }
            finally { Pop-Location }
            """);
        Assert.Empty(errors);
        Assert.Equal(0, (int)output.Single().BaseObject);
        Assert.Empty(Complete("Get-CloudActivity -ProjectPath /nonexistent/shop -Id "));
    }

    [Fact]
    public void Activity_ids_complete_newest_first_with_type_and_environment_in_the_tooltip()
    {
        var ids = Complete("Get-CloudActivity -Id ");
        Assert.True(ids.Count >= 4, $"expected the project's activities, got {ids.Count}");
        Assert.Equal(ids.Select(i => i.Text).OrderByDescending(i => i, StringComparer.Ordinal), ids.Select(i => i.Text));
        Assert.Contains("environment.redeploy on master", ids[0].Tooltip);
        Assert.Contains("Success", ids[0].Tooltip);

        var prefix = ids[^1].Text[..20];
        Assert.Contains(Complete($"Get-CloudActivity -Id {prefix}"), i => i.Text == ids[^1].Text);
    }

    [Fact]
    public void Release_ids_complete_for_the_environment_on_the_command_line_marking_the_current_one()
    {
        var releases = Complete("Undo-CloudDeploy -Environment master -Release ");
        Assert.Equal(2, releases.Count);
        Assert.Contains("live on local", releases[0].Tooltip);
        Assert.DoesNotContain("live on", releases[1].Tooltip);

        Assert.Equal(releases.Select(r => r.Text), Complete("Undo-CloudDeploy master -Release ").Select(r => r.Text));
        Assert.Empty(Complete("Undo-CloudDeploy -Environment staging -Release "));
        Assert.Empty(Complete("Undo-CloudDeploy -Release "));
    }
}
