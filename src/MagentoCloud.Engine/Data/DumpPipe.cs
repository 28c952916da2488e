using MagentoCloud.Engine.Transport;
namespace MagentoCloud.Engine.Data;

/// <summary>
/// Streams a dump from a producer (the dump client, a file) through the sanitizer into a consumer
/// (the import client, a file), in memory, with bounded buffers between the three. The first failure
/// stops the other two (cancelling kills the clients) and is the one thrown.
/// </summary>
internal static class DumpPipe
{
    public static async Task<SanitizeReport> RunAsync(
        Func<Stream, CancellationToken, Task> produce,
        DumpSanitizer sanitizer,
        Func<Stream, CancellationToken, Task> consume,
        Action<long>? onBytes,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        var raw = new StreamPipe();
        var clean = new StreamPipe();
        Exception? first = null;
        var sanitizedAll = false;

        void Fail(Exception e)
        {
            Interlocked.CompareExchange(ref first, e, null);
            try { stop.Cancel(); } catch (ObjectDisposedException) { }
        }

        var producer = Task.Run(async () =>
        {
            try
            {
                await produce(raw.Writer, token).ConfigureAwait(false);
                raw.CompleteWriting();
            }
            catch (Exception e)
            {
                Fail(e);
                raw.CompleteWriting(e);
            }
        }, CancellationToken.None);

        var sanitizing = Task.Factory.StartNew(() =>
        {
            try
            {
                var input = new CountingStream(raw.Reader, onBytes ?? (_ => { }));
                var report = sanitizer.Sanitize(input, clean.Writer, token);
                Volatile.Write(ref sanitizedAll, true);
                clean.CompleteWriting();
                return report;
            }
            catch (Exception e)
            {
                Fail(e);
                clean.CompleteWriting(e);
                return null;
            }
            finally
            {
                raw.CompleteReading(); // a producer still writing is not left blocked
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var consumer = Task.Run(async () =>
        {
            try
            {
                await consume(clean.Reader, token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Fail(e);
            }
            finally
            {
                clean.CompleteReading();
                // The consumer ended: whatever it did not read is lost, so the others must not go on.
                if (first is null && !Volatile.Read(ref sanitizedAll)) Fail(new CloudException(CloudErrorId.ImportFailed,
                    "The import ended before the whole dump was sent to it. The destination was left unchanged; run it again.", "import"));
            }
        }, CancellationToken.None);

        await Task.WhenAll(producer, sanitizing, consumer).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (first is not null)
        {
            if (first is OperationCanceledException && cancellationToken.IsCancellationRequested) throw first;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
        return sanitizing.Result!;
    }
}
