namespace MagentoCloud.Engine.Reports;

/// <summary>What Export-CloudReport wrote: where, and how much of the project the page shows.</summary>
public sealed class CloudReport
{
    /// <summary>The HTML file written.</summary>
    public string Path { get; set; } = "";

    public string Project { get; set; } = "";

    /// <summary>Environments in the tree.</summary>
    public int Environments { get; set; }

    /// <summary>Activities in the table of recent activities.</summary>
    public int Activities { get; set; }

    /// <summary>Deploys in the chart (one bar each).</summary>
    public int Deploys { get; set; }

    /// <summary>Environments whose releases could not be read; the page says why.</summary>
    public int Unreachable { get; set; }

    public long Bytes { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    public override string ToString() => Path;
}
