namespace MagentoCloud.Engine.Data;

/// <summary>What a dump does with one table.</summary>
public enum TableDisposition
{
    /// <summary>Structure and rows.</summary>
    Data,
    /// <summary>Structure only (stripped).</summary>
    StructureOnly,
    /// <summary>Neither (excluded, or not included).</summary>
    Skipped,
}
