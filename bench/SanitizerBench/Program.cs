using System.Diagnostics;
using System.Text.Json;
using MagentoCloud.Engine.Data;

// Usage: SanitizerBench [sizeInMB | dump file] [runs] [builtin|none]. Progress goes to stderr; one JSON line with the figures to stdout.
// Given an existing dump file (a real store's), it is measured instead of a synthetic one, and kept.
var given = args.Length > 0 && File.Exists(args[0]) ? Path.GetFullPath(args[0]) : null;
var sizeMb = args.Length > 0 && given is null ? int.Parse(args[0]) : 1024;
var runs = args.Length > 1 ? int.Parse(args[1]) : 3;
var rulesName = args.Length > 2 ? args[2] : "builtin";
var path = given ?? Path.Combine(Path.GetTempPath(), $"sanitizer-bench-{Environment.ProcessId}.sql");
try
{
    long bytes;
    if (given is not null) bytes = new FileInfo(given).Length;
    else
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        bytes = new SyntheticDump(file, seed: 42).Write((long)sizeMb << 20);
    }
    Console.Error.WriteLine($"{(given is null ? "synthetic" : "given")} dump: {bytes / (1 << 20)} MB");

    // CPU seconds of this thread's pass as well: on a shared machine wall time also counts others' work.
    var bestCpu = double.MaxValue;
    double Measure(string what, Func<Stream, Stream, long> pass)
    {
        var best = double.MaxValue;
        bestCpu = double.MaxValue;
        for (var run = 0; run <= runs; run++) // run 0 warms the page cache and the JIT
        {
            using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            pass(input, Stream.Null);
            var seconds = watch.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            if (run > 0) { best = Math.Min(best, seconds); bestCpu = Math.Min(bestCpu, cpuSeconds); }
            Console.Error.WriteLine($"{what} run {run}: {bytes / seconds / 1e6:F0} MB/s ({bytes / cpuSeconds / 1e6:F0} MB per CPU second)");
        }
        return bytes / best / 1e6;
    }

    var baseline = Measure("copy", (input, output) =>
    {
        input.CopyTo(output, 1 << 20);
        return 0;
    });
    SanitizeReport? report = null;
    // -Rules none measures the tokenizer alone (DEFINERs only), the built-in rules the full work.
    var sanitizer = new DumpSanitizer(rulesName == "none" ? SanitizeRules.None : SanitizeRules.BuiltIn, DumpSanitizer.NewKey());
    var measured = Measure("sanitize", (input, output) =>
    {
        report = sanitizer.Sanitize(input, output);
        return report.BytesWritten;
    });
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        Bytes = bytes,
        BaselineMBps = Math.Round(baseline),
        MeasuredMBps = Math.Round(measured),
        MeasuredCpuMBps = Math.Round(bytes / bestCpu / 1e6),
        Ratio = Math.Round(measured / baseline, 3),
        Rules = rulesName,
        Rows = report!.Rows,
        SanitizedValues = report.SanitizedValues,
        TruncatedTables = report.TruncatedTables.Count,
    }));
}
finally
{
    if (given is null) File.Delete(path);
}
