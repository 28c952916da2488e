using LibGit2Sharp;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Tests.Environments;

namespace MagentoCloud.Engine.Tests.Git;

/// <summary>
/// The loopback sshd of the test services as a Git server: bare repositories under the first
/// host's root, reached as ssh://user@127.0.0.1:port/path with the test key and known_hosts.
/// </summary>
public static class SshGitServer
{
    private static string Need(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{name} is not set: start the test services (bash tests/infra/start.sh DIR; source DIR/services.env).");

    public static string User => Need("MC_TEST_SSH_USER");

    public static int Port => int.Parse(Need("MC_TEST_SSH_PORT"));

    public static string HostRoot => Need("MC_TEST_HOST_ROOTS").Split(' ')[0];

    public static SshSettings Settings => new(Need("MC_TEST_SSH_KEY"), Need("MC_TEST_SSH_KNOWN_HOSTS"));

    /// <summary>A folder name for one test's repository (deleted by the caller's Dispose if it wants).</summary>
    public static string NewRepositoryPath(string name = "project") =>
        Path.Combine(HostRoot, "git", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 11)] + ".git");

    public static string UrlFor(string path) => $"ssh://{User}@127.0.0.1:{Port}{path}";

    /// <summary>A working copy folder holding the template's files and a topology that names the remote and the test keys.</summary>
    public static string NewWorkingCopyFolder(string url, SshSettings? settings = null)
    {
        settings ??= Settings;
        var root = Path.Combine(Path.GetTempPath(), "mc-gitssh-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path.Combine(root, ".magento"));
        TestProject.WriteMinimalApp(root);
        File.WriteAllText(Path.Combine(root, Topology.File),
            $"remote: {url}\nssh:\n  identity_file: {settings.IdentityFile}\n  known_hosts: {settings.KnownHostsFile}\n");
        return root;
    }

    /// <summary>A project over SSH: the remote made by New-CloudProject's engine, the working copy in a temp folder.</summary>
    public static async Task<string> CreateProjectAsync(string url)
    {
        var root = NewWorkingCopyFolder(url);
        await new ProjectCreator().CreateAsync(root, "Shop over SSH");
        return root;
    }

    /// <summary>A second working copy of the same remote (another team member's machine).</summary>
    public static string CloneWorkingCopy(string url)
    {
        var root = NewWorkingCopyFolder(url);
        Repository.Init(root);
        using var repo = new Repository(root);
        repo.Network.Remotes.Add("origin", url);
        return root;
    }

    public static void Delete(string path)
    {
        try { Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
