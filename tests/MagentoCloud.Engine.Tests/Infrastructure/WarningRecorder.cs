namespace MagentoCloud.Engine.Tests.Infrastructure;

/// <summary>An observer that keeps the warnings the engine gives (from any thread).</summary>
public sealed class WarningRecorder : IOperationObserver
{
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings
    {
        get { lock (_warnings) return [.. _warnings]; }
    }

    public void Log(string line) { }

    public void Warning(string message)
    {
        lock (_warnings) _warnings.Add(message);
    }

    public void Progress(OperationProgress progress) { }
}
