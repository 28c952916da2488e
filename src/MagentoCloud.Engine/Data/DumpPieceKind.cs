namespace MagentoCloud.Engine.Data;

/// <summary>What a piece of a dump is, for a load over several connections.</summary>
internal enum DumpPieceKind
{
    /// <summary>Tables' structure and session settings: run in order, before the rows of the tables it creates.</summary>
    Schema,

    /// <summary>One INSERT statement: any loader may run it, once its table exists.</summary>
    Rows,

    /// <summary>Triggers, routines, events, views: run in order once every row is in.</summary>
    Objects,
}
