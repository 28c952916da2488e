namespace MagentoCloud.Engine.Deploy;

/// <summary>One entry of a host's <c>releases.json</c>.</summary>
public sealed class ReleaseRecord
{
    public string Id { get; set; } = "";

    public string Commit { get; set; } = "";

    public string SlugId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public bool IsBad { get; set; }
}
