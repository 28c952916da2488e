using System.Globalization;
using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Splits the tables with rows into the dump processes of a parallel copy, balanced by their size
/// on the server: a table much larger than its share is cut into ranges of its integer primary key
/// (each a process of its own), the rest packed largest first into one group per stream. Tables
/// that the sanitizer links (a first row kept in one, the same value kept in another: admin_user
/// and authorization_role) stay together in one process, in the dump's order.
/// </summary>
internal static class DumpStreams
{
    /// <summary>A table smaller than this is never cut.</summary>
    private const long MinChunk = 8L << 20;

    public static async Task<IReadOnlyList<DumpStream>> PlanAsync(DatabaseEndpoint source, IReadOnlyList<string> tables, SanitizeRules rules,
        int streams, int maxProcesses, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(source));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var sizes = await SizesAsync(connection, source.Database, cancellationToken).ConfigureAwait(false);
        var keys = await IntegerKeysAsync(connection, source.Database, cancellationToken).ConfigureAwait(false);
        long Size(string table) => sizes.GetValueOrDefault(table);

        var items = new List<(List<string> Tables, long Bytes)>();
        var linked = Linked(tables, rules);
        if (linked.Count > 0) items.Add((linked, linked.Sum(Size)));
        items.AddRange(tables.Where(t => !linked.Contains(t)).Select(t => (new List<string> { t }, Size(t))));

        var total = Math.Max(1, items.Sum(i => i.Bytes));
        var chunk = Math.Max(MinChunk, total / (2 * streams));
        var result = new List<DumpStream>();
        var spare = maxProcesses - streams;
        foreach (var item in items.OrderByDescending(i => i.Bytes).ToList())
        {
            // Never a linked table: every range would have a first row of its own.
            if (item.Tables.Count != 1 || linked.Contains(item.Tables[0]) || item.Bytes < chunk * 3 / 2 || spare < 2
                || !keys.TryGetValue(item.Tables[0], out var key)) continue;
            var pieces = (int)Math.Min(Math.Min(spare, 16), (item.Bytes + chunk - 1) / chunk);
            var ranges = await RangesAsync(connection, item.Tables[0], key, pieces, cancellationToken).ConfigureAwait(false);
            if (ranges.Count < 2) continue;
            result.AddRange(ranges.Select(where => new DumpStream(item.Tables, where, item.Bytes / ranges.Count)));
            items.Remove(item);
            spare -= ranges.Count;
        }

        // Largest first, each into the lightest group.
        var groups = Enumerable.Range(0, streams).Select(_ => (Tables: new List<string>(), Bytes: 0L)).ToList();
        foreach (var item in items.OrderByDescending(i => i.Bytes))
        {
            var lightest = groups.IndexOf(groups.MinBy(g => g.Bytes));
            groups[lightest] = ([.. groups[lightest].Tables, .. item.Tables], groups[lightest].Bytes + item.Bytes);
        }
        result.AddRange(groups.Where(g => g.Tables.Count > 0).Select(g => new DumpStream(g.Tables, null, g.Bytes)));
        return result.OrderByDescending(s => s.Bytes).ToList();
    }

    /// <summary>
    /// The tables one sanitizer pass must see together: those with first-row rules, then those with a column whose
    /// action a first row keeps (its kept value is kept there too), in the order of <paramref name="tables"/>.
    /// </summary>
    internal static List<string> Linked(IReadOnlyList<string> tables, SanitizeRules rules)
    {
        var ruled = tables.Select(t => (Table: t, Rule: rules.For(t))).Where(t => t.Rule is not null).ToList();
        var first = ruled.Where(t => t.Rule!.FirstRow.Count > 0).ToList();
        var kept = first.SelectMany(t => t.Rule!.FirstRow
                .Where(f => f.Value.Action == SanitizeAction.Keep && t.Rule.Columns.ContainsKey(f.Key))
                .Select(f => t.Rule.Columns[f.Key].Action))
            .ToHashSet();
        var followers = ruled.Where(t => t.Rule!.FirstRow.Count == 0 && t.Rule.Columns.Values.Any(c => kept.Contains(c.Action)));
        return first.Count == 0 ? [] : [.. first.Select(t => t.Table), .. followers.Select(t => t.Table)];
    }

    private static async Task<Dictionary<string, long>> SizesAsync(MySqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT TABLE_NAME, COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_TYPE = 'BASE TABLE'",
            connection);
        command.Parameters.AddWithValue("@db", database);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) sizes[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        return sizes;
    }

    /// <summary>Tables whose primary key is one integer column, and that column.</summary>
    private static async Task<Dictionary<string, string>> IntegerKeysAsync(MySqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT k.TABLE_NAME, MIN(k.COLUMN_NAME) FROM information_schema.KEY_COLUMN_USAGE k " +
            "JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = k.TABLE_SCHEMA AND c.TABLE_NAME = k.TABLE_NAME AND c.COLUMN_NAME = k.COLUMN_NAME " +
            "WHERE k.TABLE_SCHEMA = @db AND k.CONSTRAINT_NAME = 'PRIMARY' " +
            "GROUP BY k.TABLE_NAME HAVING COUNT(*) = 1 AND MIN(c.DATA_TYPE) IN ('tinyint', 'smallint', 'mediumint', 'int', 'bigint')", connection);
        command.Parameters.AddWithValue("@db", database);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) keys[reader.GetString(0)] = reader.GetString(1);
        return keys;
    }

    /// <summary>WHERE clauses cutting the key's span into <paramref name="pieces"/> equal ranges; the first and last are open-ended.</summary>
    private static async Task<List<string>> RangesAsync(MySqlConnection connection, string table, string key, int pieces, CancellationToken cancellationToken)
    {
        var column = LocalDatabaseServer.QuoteIdentifier(key);
        await using var command = new MySqlCommand($"SELECT MIN({column}), MAX({column}) FROM {LocalDatabaseServer.QuoteIdentifier(table)}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.IsDBNull(0)) return [];
        var low = decimal.Parse(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
        var high = decimal.Parse(Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
        var step = Math.Floor((high - low + 1) / pieces);
        if (step < 1) return [];
        var bounds = Enumerable.Range(1, pieces - 1).Select(i => (low + step * i).ToString(CultureInfo.InvariantCulture)).ToList();
        var ranges = new List<string> { $"{column} < {bounds[0]}" };
        for (var i = 1; i < bounds.Count; i++) ranges.Add($"{column} >= {bounds[i - 1]} AND {column} < {bounds[i]}");
        ranges.Add($"{column} >= {bounds[^1]}");
        return ranges;
    }
}
