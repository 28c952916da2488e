using LibGit2Sharp;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Tests.Environments;

/// <summary>A real project in a temp folder: working copy, bare project remote, state. Deleted on dispose.</summary>
public sealed class TestProject : IDisposable
{
    private TestProject(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public ProjectRemote Remote { get; private set; } = null!;

    public StateStore Store { get; private set; } = null!;

    public EnvironmentService Environments { get; private set; } = null!;

    public VariableService Variables { get; private set; } = null!;

    public ActivityService Activities { get; private set; } = null!;

    public static async Task<TestProject> CreateAsync(int integrationLimit = 8)
    {
        var root = Path.Combine(Path.GetTempPath(), "mc-env-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        WriteMinimalApp(root);
        await new ProjectCreator().CreateAsync(root, "Test shop");
        var project = new TestProject(root);
        project.Open(integrationLimit);
        return project;
    }

    public static void WriteMinimalApp(string root)
    {
        File.WriteAllText(Path.Combine(root, ".magento.app.yaml"), "name: mymagento\ntype: php:8.3\n");
        File.WriteAllText(Path.Combine(root, "README.md"), "shop\n");
    }

    public void Open(int integrationLimit = 8)
    {
        Remote = ProjectRemote.ForWorkingCopy(Root);
        Store = new StateStore(Remote);
        Environments = new EnvironmentService(Store, Root, integrationLimit);
        Variables = new VariableService(Store);
        Activities = new ActivityService(Store);
    }

    /// <summary>Commits files on a local branch of the working copy (created from <paramref name="from"/> if new).</summary>
    public string CommitLocal(string branch, string from, params (string Path, string Text)[] files)
    {
        using var repo = new Repository(Root);
        var b = repo.Branches[branch];
        if (b is null)
        {
            var start = repo.Branches[from]?.Tip ?? repo.Lookup<Commit>(from);
            b = repo.Branches.Add(branch, start);
        }
        Commands.Checkout(repo, b, new CheckoutOptions { CheckoutModifiers = CheckoutModifiers.Force });
        foreach (var (path, text) in files)
        {
            var full = System.IO.Path.Combine(Root, path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            Commands.Stage(repo, path);
        }
        var signature = new Signature("Test", "test@example.com", DateTimeOffset.Now);
        return repo.Commit($"Change {string.Join(", ", files.Select(f => f.Path))}", signature, signature).Sha;
    }

    /// <summary>Fetches a remote branch into the working copy as a local branch.</summary>
    public void FetchToLocal(string remoteBranch, string localBranch)
    {
        using var repo = new Repository(Root);
        Commands.Fetch(repo, "origin", [$"+refs/heads/{remoteBranch}:refs/heads/{localBranch}"], null, null);
    }

    /// <summary>The text of a file at the head of a branch in the project remote.</summary>
    public string? ReadRemoteFile(string branch, string path)
    {
        using var repo = new Repository(Remote.GitDirectory);
        return (repo.Branches[branch]?.Tip?[path]?.Target as Blob)?.GetContentText();
    }

    public void Dispose()
    {
        DeleteKeys(Store.Read(s => s.Project?.Id));
        try
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
                File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Removes the key files a project's sensitive variables made under the user's configuration folder.</summary>
    public static void DeleteKeys(string? projectId)
    {
        if (string.IsNullOrEmpty(projectId) || !Directory.Exists(ProjectKey.Folder)) return;
        foreach (var file in Directory.EnumerateFiles(ProjectKey.Folder, projectId + ".*")) File.Delete(file);
    }
}
