using System.Security.Cryptography;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Rewrites a mysqldump / mariadb-dump text stream on the way through: values of the columns that
/// rules name are replaced, rows of truncated and structure-only tables are dropped, DEFINER clauses
/// become CURRENT_USER so the dump imports anywhere. Beyond the rules (<see cref="PersonalColumns"/>),
/// columns named like personal data get the matching fake and email addresses inside strings are
/// replaced, each reported in <see cref="SanitizeReport.Findings"/>. Everything else passes through byte
/// for byte. One pass, bounded memory (one buffer, grown only for a single value or statement header
/// that is larger), no string conversion of the data. A pass holds no state but its own and the key's,
/// so passes over separate tables with the same key give the same fakes.
/// </summary>
public sealed class DumpSanitizer
{
    private readonly SanitizeRules _rules;
    private readonly byte[] _key;
    private readonly DumpSanitizerOptions _options;

    /// <param name="rules">The rules; <see cref="SanitizeRules.None"/> only rewrites DEFINERs and drops structure-only tables (no guesses either).</param>
    /// <param name="key">
    /// The secret that keys the replacement values: the same key gives the same fake value for the
    /// same source value. Make one per copy with <see cref="NewKey"/>, and never store it.
    /// </param>
    /// <param name="options">Structure-only tables, table prefix, DEFINER rewriting.</param>
    public DumpSanitizer(SanitizeRules rules, ReadOnlySpan<byte> key, DumpSanitizerOptions? options = null)
    {
        if (key.Length < 16)
            throw new CloudException(CloudErrorId.InvalidArgument, "The sanitizing key must be at least 16 bytes; make one with DumpSanitizer.NewKey().", target: "key");
        _rules = rules;
        _key = key.ToArray();
        _options = options ?? new DumpSanitizerOptions();
    }

    /// <summary>A fresh random key for one copy.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// Reads the dump from <paramref name="input"/> to its end and writes the rewritten dump to
    /// <paramref name="output"/> (flushed, not closed). Throws <see cref="CloudErrorId.DumpIncomplete"/>
    /// when the dump ends inside an INSERT statement (the source was cut off).
    /// </summary>
    public SanitizeReport Sanitize(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        using var pass = new DumpRewrite(input, output, _rules, _key, _options, cancellationToken);
        return pass.Run();
    }

    /// <summary>
    /// <see cref="Sanitize"/> on a thread of its own: the pass is CPU-bound and reads and writes in
    /// large blocks, so it runs synchronously there rather than through many small awaits.
    /// </summary>
    public Task<SanitizeReport> SanitizeAsync(Stream input, Stream output, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(() => Sanitize(input, output, cancellationToken), cancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
