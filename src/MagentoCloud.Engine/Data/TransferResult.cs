namespace MagentoCloud.Engine.Data;

/// <summary>What went through a transfer: the plan of the dump, and what the sanitizer saw (null: nothing to transfer).</summary>
public sealed record TransferResult(DumpPlan Plan, SanitizeReport? Report)
{
    /// <summary>Streams that dumped and loaded at once (1: one dump client into one import client).</summary>
    public int Streams { get; init; } = 1;

    /// <summary>How the transfer went, for the result's notes: streams, the snapshot lock, the slowest streams.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
