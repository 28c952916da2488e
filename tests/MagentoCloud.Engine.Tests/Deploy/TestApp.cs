using LibGit2Sharp;
using MagentoCloud.Engine.Build;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Deploy;

/// <summary>A real Git repository holding a small application whose hooks are shell commands, a slug store, and an environment root.</summary>
public sealed class TestApp : IDisposable
{
    public const string DefaultApp = """
        name: app
        type: php:8.3
        build:
          flavor: none
        hooks:
          build: |
            echo "building $MAGENTO_CLOUD_TREE_ID"
            mkdir -p generated
            printf '%s' "$MAGENTO_CLOUD_ENVIRONMENT" > generated/built-for.txt
          deploy: |
            echo "deploying in $PWD"
            printf '%s' "$MAGENTO_CLOUD_RELATIONSHIPS" > var/deploy-relationships.txt
          post_deploy: |
            echo post-deploy
        mounts:
          var: "shared:files/var"
          "pub/media": "shared:files/media"
        crons:
          cleanup:
            spec: "*/5 * * * *"
            cmd: "echo tick"
        """;

    public TestApp()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mc-deploy-").FullName;
        RepositoryPath = Path.Combine(Directory, "repo");
        Repository.Init(RepositoryPath);
        Store = new SlugStore(Path.Combine(Directory, "slugs"));
        EnvironmentRoot = Path.Combine(Directory, "env", "master");
    }

    public string Directory { get; }

    public string RepositoryPath { get; }

    public SlugStore Store { get; }

    public string EnvironmentRoot { get; }

    /// <summary>Commits the app with <paramref name="app"/> as .magento.app.yaml plus <paramref name="files"/>; returns the commit id.</summary>
    public string Commit(string? app = null, IReadOnlyDictionary<string, string>? files = null, string message = "change")
    {
        using var repository = new Repository(RepositoryPath);
        var work = repository.Info.WorkingDirectory;
        File.WriteAllText(Path.Combine(work, AppDocument.FileName), app ?? DefaultApp);
        File.WriteAllText(Path.Combine(work, "index.php"), "<?php echo 'hello';\n");
        foreach (var (path, text) in files ?? new Dictionary<string, string>())
        {
            var full = Path.Combine(work, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        Commands.Stage(repository, "*");
        var signature = new Signature("Test", "test@example.com", DateTimeOffset.Now);
        return repository.Commit(message, signature, signature, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    public BuildRequest Request(string commit, IReadOnlyDictionary<string, string>? variables = null, bool force = false) => new()
    {
        RepositoryPath = RepositoryPath,
        Commit = commit,
        Project = "test",
        Environment = "master",
        Branch = "master",
        Variables = variables ?? new Dictionary<string, string>(),
        Force = force,
    };

    public DeployContext Context(string commit, IReadOnlyList<DeployHost>? hosts = null, int keep = 5) => new()
    {
        Environment = "master",
        Builder = new SlugBuilder(Store),
        Build = Request(commit),
        Hosts = hosts ?? [new DeployHost(new LocalTransport(), EnvironmentRoot)],
        RuntimeVariables = new Dictionary<string, string>
        {
            ["MAGENTO_CLOUD_ENVIRONMENT"] = "master",
            ["MAGENTO_CLOUD_RELATIONSHIPS"] = "eyJkYXRhYmFzZSI6W119",
        },
        KeepReleases = keep,
        InstallCrontab = false,
    };

    public Task<DeployOutcome> DeployAsync(string commit, int keep = 5) =>
        DeployPipeline.RunAsync(Context(commit, keep: keep), CancellationToken.None);

    /// <summary>The release <c>current</c> points to, read from the file system.</summary>
    public string? CurrentRelease()
    {
        var link = new FileInfo(Path.Combine(EnvironmentRoot, DeployHost.CurrentLink));
        return link.LinkTarget is { } target ? Path.GetFileName(target) : null;
    }

    public bool LockExists => File.Exists(Path.Combine(EnvironmentRoot, DeployHost.LockFile));

    public bool MaintenanceOn =>
        File.Exists(Path.Combine(EnvironmentRoot, "shared", "var", ".maintenance.flag"))
        || File.Exists(Path.Combine(EnvironmentRoot, "current", "var", ".maintenance.flag"));

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
