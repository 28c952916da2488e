namespace MagentoCloud.Engine.Deploy;

/// <summary>One release on one host of an environment, as Get-CloudRelease returns it.</summary>
public sealed class CloudRelease
{
    public string Environment { get; set; } = "";

    public string Host { get; set; } = "";

    public string Id { get; set; } = "";

    public string Commit { get; set; } = "";

    public string SlugId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>True for the release that <c>current</c> points to.</summary>
    public bool IsCurrent { get; set; }

    /// <summary>Set when a rollback abandoned it; a bad release is never chosen by Undo-CloudDeploy.</summary>
    public bool IsBad { get; set; }

    /// <summary>
    /// For the current release: whether the host's web runtime serves it (nginx with the
    /// environment's site and the release's PHP-FPM pool running). Null for other releases, and
    /// where the environment has no web runtime.
    /// </summary>
    public bool? Serving { get; set; }

    public override string ToString() => $"{Id}{(IsCurrent ? " (current)" : "")}{(IsBad ? " (bad)" : "")}";
}
