namespace MagentoCloud.Engine.Project;

/// <summary>
/// A location of <c>web.locations</c>: the URL path, the folder it serves (relative to the
/// application), its front controller, and how it treats files: served (<see cref="Allow"/>), run as
/// PHP (<see cref="Scripts"/>), cached (<see cref="Expires"/>), with extra headers, and rules whose
/// regular expressions override those for matching requests.
/// </summary>
public sealed record WebLocation(string Path, string? Root, string? Passthru)
{
    /// <summary>Files tried for a request to a folder, in order.</summary>
    public IReadOnlyList<string> Index { get; init; } = [];

    /// <summary><c>expires</c> as written (<c>1y</c>, <c>30m</c>, <c>-1</c>); null or -1: no caching headers.</summary>
    public string? Expires { get; init; }

    /// <summary>Whether files are served as they are (the platform's default: yes).</summary>
    public bool Allow { get; init; } = true;

    /// <summary>Whether PHP files are run (the platform's default: yes).</summary>
    public bool Scripts { get; init; } = true;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Rules in file order: the first whose pattern matches the request path applies.</summary>
    public IReadOnlyList<WebRule> Rules { get; init; } = [];
}
