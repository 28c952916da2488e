namespace MagentoCloud.Engine.Build;

/// <summary>What to build: a commit of a repository, for an environment, with its build-visible variables.</summary>
public sealed class BuildRequest
{
    /// <summary>The repository holding the commit (the project remote, usually bare).</summary>
    public required string RepositoryPath { get; init; }

    /// <summary>A commit id or any revision Git understands (a branch name, say).</summary>
    public required string Commit { get; init; }

    public string Project { get; init; } = "";

    public string Environment { get; init; } = "";

    public string Branch { get; init; } = "";

    public string EnvironmentType { get; init; } = "development";

    /// <summary>
    /// The hook environment from build-visible variables (<c>env:X</c> already as <c>X</c>, the rest
    /// in MAGENTO_CLOUD_VARIABLES): added to the build's environment and part of the slug key.
    /// </summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>The secrets to blank out of the build's log and errors (sensitive values among <see cref="Variables"/>).</summary>
    public SecretMask Mask { get; init; } = SecretMask.None;

    /// <summary>Build even when a slug with the same key exists.</summary>
    public bool Force { get; init; }
}
