namespace MagentoCloud.Engine.Git;

/// <summary>How a merge, synchronize or rebase in the project remote ended.</summary>
public enum MergeKind
{
    /// <summary>The target already contained the source; nothing changed.</summary>
    UpToDate,
    /// <summary>The target ref moved forward to the source's commit.</summary>
    FastForward,
    /// <summary>A new merge commit was made on the target.</summary>
    MergeCommit,
    /// <summary>The target's own commits were replayed on top of the source.</summary>
    Rebased,
}

/// <summary>The result of a merge that succeeded (conflicts throw MergeConflict).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="PreviousCommit">The target's head before.</param>
/// <param name="Commit">The target's head after.</param>
public sealed record MergeOutcome(MergeKind Kind, string PreviousCommit, string Commit);
