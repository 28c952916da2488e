namespace MagentoCloud.Engine.Runtime;

/// <summary>One line of an environment's log on one host, as Get-CloudLog returns it.</summary>
public sealed class CloudLogLine
{
    /// <summary>When the line was written, read from the line itself; null when it carries no time.</summary>
    public DateTimeOffset? Time { get; init; }

    public string Host { get; init; } = "";

    public string Environment { get; init; } = "";

    /// <summary>access, error (nginx), php-fpm, or php (PHP's own errors).</summary>
    public string Log { get; init; } = "";

    public string Text { get; init; } = "";
}
