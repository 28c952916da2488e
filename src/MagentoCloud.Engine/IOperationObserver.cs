namespace MagentoCloud.Engine;

/// <summary>
/// Where the engine tells the caller how work goes: progress, log lines, warnings. The PowerShell
/// layer carries these onto the pipeline thread (Write-Progress, Write-Verbose, Write-Warning).
/// Implementations must be safe to call from any thread.
/// </summary>
public interface IOperationObserver
{
    void Progress(OperationProgress progress);

    void Log(string line);

    void Warning(string message);
}

/// <summary>An observer that ignores everything, for callers that do not care.</summary>
public sealed class SilentObserver : IOperationObserver
{
    public static readonly SilentObserver Instance = new();

    public void Progress(OperationProgress progress) { }

    public void Log(string line) { }

    public void Warning(string message) { }
}
