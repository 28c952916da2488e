using System.Collections.Concurrent;
using System.Management.Automation;
using MagentoCloud.Engine;

namespace MagentoCloud.PowerShell;

/// <summary>
/// The shared work of every cmdlet, done once: turns StopProcessing into a cancelled token, carries
/// the engine's progress, log lines and warnings back onto the pipeline thread (cmdlets may only
/// write from it), and turns the engine's exceptions into ErrorRecords with id, category and target:
/// an engine failure is the failure of the one input record that caused it (non-terminating, as
/// with Get-Item), so -ErrorAction decides and the pipeline goes on with the next record.
/// </summary>
public abstract class CloudCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    protected CancellationToken StopToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Loads the table views into the session on its first cmdlet call; an override calls this first.</summary>
    protected override void BeginProcessing() => FormatData.EnsureLoaded(this);

    protected sealed override void ProcessRecord()
    {
        try
        {
            ProcessItem();
        }
        catch (CloudException e)
        {
            WriteCloudError(e);
        }
    }

    /// <summary>The cmdlet's work for one input record (once, when nothing is piped in).</summary>
    protected abstract void ProcessItem();

    /// <summary>Whether -WhatIf (or $WhatIfPreference) is on: a -Force skips the question, never -WhatIf.</summary>
    protected bool WhatIfRequested =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? ((SwitchParameter)w).IsPresent
            : SessionState.PSVariable.GetValue("WhatIfPreference") is { } p && LanguagePrimitives.IsTrue(p);

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs engine work off the pipeline thread and pumps its reports until it ends.</summary>
    protected T Run<T>(Func<IOperationObserver, CancellationToken, Task<T>> work)
    {
        T result = default!;
        RunEach<T>(async (observer, _, token) => result = await work(observer, token).ConfigureAwait(false));
        return result;
    }

    /// <summary>Runs engine work that has no result but its reports.</summary>
    protected void Run(Func<IOperationObserver, CancellationToken, Task> work) =>
        RunEach<object>((observer, _, token) => work(observer, token));

    /// <summary>Runs engine work that yields objects as they are ready; each is written at once.</summary>
    protected void RunEach<T>(Func<IOperationObserver, Action<T>, CancellationToken, Task> work)
    {
        using var messages = new BlockingCollection<Action>();
        var observer = new PipelineObserver(this, messages);
        var task = Task.Run(() => work(observer, item => observer.Post(() => WriteObject(item)), StopToken));
        task.ContinueWith(_ => messages.CompleteAdding(), TaskScheduler.Default);
        foreach (var write in messages.GetConsumingEnumerable())
            write();
        observer.CloseProgress();
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// Writes what a Get- cmdlet found. A literal name (no wildcard) that found nothing is an error,
    /// as with Get-Item; a pattern that matches nothing is only an empty result.
    /// </summary>
    protected void WriteFound<T>(IReadOnlyCollection<T> found, string? name, Func<CloudException> notFound)
    {
        if (found.Count == 0 && name is not null && name.IndexOfAny(['*', '?']) < 0)
            throw notFound();
        WriteObject(found, enumerateCollection: true);
    }

    /// <summary>Reports a failure of one item and lets the pipeline go on with the next.</summary>
    protected void WriteCloudError(CloudException e) => WriteError(ToErrorRecord(e));

    protected static ErrorRecord ToErrorRecord(CloudException e) =>
        new(e, e.Id.ToString(), ErrorCategories.For(e.Id), e.Target);

    private sealed class PipelineObserver(CloudCmdlet cmdlet, BlockingCollection<Action> messages) : IOperationObserver
    {
        private readonly ConcurrentDictionary<int, ProgressRecord> _open = new();

        public void Progress(OperationProgress progress) => Post(() =>
        {
            var record = new ProgressRecord(progress.Id + 1, progress.Activity, progress.Status)
            {
                PercentComplete = progress.PercentComplete,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            if (progress.Completed) _open.TryRemove(progress.Id, out _);
            else _open[progress.Id] = record;
            cmdlet.WriteProgress(record);
        });

        public void Log(string line) => Post(() => cmdlet.WriteVerbose(line));

        public void Warning(string message) => Post(() => cmdlet.WriteWarning(message));

        /// <summary>Closes any bar the engine left open, so none lingers after the cmdlet ends.</summary>
        public void CloseProgress()
        {
            foreach (var record in _open.Values)
            {
                record.RecordType = ProgressRecordType.Completed;
                cmdlet.WriteProgress(record);
            }
            _open.Clear();
        }

        public void Post(Action action)
        {
            if (!messages.IsAddingCompleted)
            {
                try { messages.Add(action); } catch (InvalidOperationException) { /* finished meanwhile */ }
            }
        }
    }
}
