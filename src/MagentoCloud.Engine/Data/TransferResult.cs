namespace MagentoCloud.Engine.Data;

/// <summary>What went through a transfer: the plan of the dump, and what the sanitizer saw (null: nothing to transfer).</summary>
public sealed record TransferResult(DumpPlan Plan, SanitizeReport? Report);
