namespace MagentoCloud.Engine.Data;

/// <summary>The shape of a column's values, from its CREATE TABLE type: what a replacement must look like.</summary>
internal enum DumpColumnKind
{
    Text,
    Number,
    Date,
    DateTime,
}
