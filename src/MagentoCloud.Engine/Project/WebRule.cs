namespace MagentoCloud.Engine.Project;

/// <summary>
/// A rule of a web location: a regular expression over the request path and what it overrides for
/// matching requests (null: the location's own). <see cref="Passthru"/> may use the pattern's
/// captures (<c>$1</c>, <c>$resource</c>); an empty string turns the location's passthru off.
/// </summary>
public sealed record WebRule(string Pattern)
{
    public bool? Allow { get; init; }

    public bool? Scripts { get; init; }

    public string? Expires { get; init; }

    public string? Passthru { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
