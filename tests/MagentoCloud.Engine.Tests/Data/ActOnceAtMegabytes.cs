using MagentoCloud.Engine;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>
/// Watches a copy's progress and, once it has moved <c>megabytes</c>, does one thing to it (cancel it,
/// kill a process, drop a connection): how the fault tests strike mid-stream.
/// </summary>
internal abstract class ActOnceAtMegabytes(int megabytes) : IOperationObserver
{
    private int _acted;

    public void Progress(OperationProgress progress)
    {
        // The copy reports "…, 12 MB, …" or "…, 12 MB (…)".
        var part = progress.Status.Split(", ").FirstOrDefault(s => s.EndsWith(" MB") || s.Contains(" MB ("));
        if (part is null || !long.TryParse(part.Split(' ')[0].Replace(",", ""), out var value) || value < megabytes) return;
        if (Interlocked.Exchange(ref _acted, 1) == 0) Act();
    }

    protected abstract void Act();

    public void Log(string line) { }

    /// <summary>The warnings the copy gave, to check what it told the user.</summary>
    public List<string> Warnings { get; } = [];

    public void Warning(string message)
    {
        lock (Warnings) Warnings.Add(message);
    }
}
