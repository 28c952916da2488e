namespace MagentoCloud.Engine.Data;

/// <summary>How a dump file is compressed.</summary>
public enum DumpCompression
{
    None,
    Gzip,
    Zstd,
}
