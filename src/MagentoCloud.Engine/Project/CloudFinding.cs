namespace MagentoCloud.Engine.Project;

/// <summary>
/// One thing Test-CloudProject found in the project's files: where it is (file, line, column),
/// a stable code scripts can match on, what is wrong, and what to do about it.
/// </summary>
public sealed class CloudFinding
{
    public CloudFinding(FindingSeverity severity, string code, string file, int line, int column, string message, string? suggestion = null)
    {
        Severity = severity;
        Code = code;
        File = file;
        Line = line;
        Column = column;
        Message = message;
        Suggestion = suggestion;
    }

    public FindingSeverity Severity { get; }

    /// <summary>Stable, never localized: YamlSyntax, UnknownKey, WrongType, UnknownService, ...</summary>
    public string Code { get; }

    /// <summary>The file, relative to the project root, with forward slashes.</summary>
    public string File { get; }

    /// <summary>1-based; 0 when the finding is about the whole file.</summary>
    public int Line { get; }

    /// <summary>1-based; 0 when the finding is about the whole file.</summary>
    public int Column { get; }

    public string Message { get; }

    public string? Suggestion { get; }

    public override string ToString() =>
        $"{Severity} {Code} {File}{(Line > 0 ? $":{Line}:{Column}" : "")}: {Message}" +
        (Suggestion is null ? "" : $" {Suggestion}");
}
