namespace MagentoCloud.Engine.Data;

/// <summary>One table of a dump as the sanitizer learns it: its columns, its rule, what was done.</summary>
internal sealed class DumpTable
{
    private ColumnPlan? _plan;
    private bool _planned;

    public DumpTable(string name, SanitizeTableRule? rule, bool drop)
    {
        Name = name;
        Rule = rule;
        Drop = drop;
    }

    public string Name { get; }

    public SanitizeTableRule? Rule { get; }

    public bool Drop { get; }

    /// <summary>Null until the dump's CREATE TABLE declared them.</summary>
    public List<DumpColumn>? Columns { get; set; }

    public long Rows { get; set; }

    public long SanitizedValues { get; set; }

    public SortedSet<string> SanitizedColumns { get; } = new(StringComparer.Ordinal);

    /// <summary>True when a rule would replace something in this table's rows.</summary>
    public bool HasColumnRules => Rule is { } r && (r.Columns.Values.Any(c => c.Action != SanitizeAction.Keep)
                                                    || r.FirstRow.Values.Any(c => c.Action != SanitizeAction.Keep));

    /// <summary>The plan for INSERTs without a column list, or null when nothing in the rows changes.</summary>
    public ColumnPlan? Plan()
    {
        if (_planned) return _plan;
        _planned = true;
        if (!HasColumnRules) return null;
        if (Columns is null) throw NoStructure();
        _plan = ColumnPlan.For(this, Columns);
        return _plan;
    }

    /// <summary>The plan for an INSERT that names its columns (mysqldump --complete-insert).</summary>
    public ColumnPlan? Plan(IReadOnlyList<string> names)
    {
        var declared = Columns?.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var columns = names.Select(n => declared?.GetValueOrDefault(n) ?? new DumpColumn(n, DumpColumnKind.Text, Nullable: true)).ToList();
        return ColumnPlan.For(this, columns);
    }

    private CloudException NoStructure() => new(
        CloudErrorId.DumpInvalid,
        $"Table '{Name}' has sanitizing rules, but the dump holds its rows without its CREATE TABLE, so its " +
        "columns are unknown. Dump with table structure (without --no-create-info), or with --complete-insert.",
        target: Name);

    /// <summary>The rule for each column position of an INSERT's rows (null: passes through).</summary>
    internal sealed class ColumnPlan
    {
        public required DumpColumn[] Columns { get; init; }

        public required SanitizeRule?[] Rules { get; init; }

        /// <summary>The last column position with a rule (rows are skipped faster past it).</summary>
        public int LastRuleColumn { get; init; }

        /// <summary>The rules for the table's first row, when it has its own.</summary>
        public SanitizeRule?[]? FirstRowRules { get; init; }

        public static ColumnPlan? For(DumpTable table, IReadOnlyList<DumpColumn> columns)
        {
            if (table.Rule is not { } rule) return null;
            var rules = new SanitizeRule?[columns.Count];
            SanitizeRule?[]? first = rule.FirstRow.Count > 0 ? new SanitizeRule?[columns.Count] : null;
            var any = false;
            for (var i = 0; i < columns.Count; i++)
            {
                var name = columns[i].Name;
                var action = rule.Columns.GetValueOrDefault(name);
                rules[i] = action is { Action: not SanitizeAction.Keep } ? action : null;
                if (first is not null)
                {
                    var firstAction = rule.FirstRow.GetValueOrDefault(name) ?? action;
                    first[i] = firstAction is { Action: not SanitizeAction.Keep } ? firstAction : null;
                }
                if (rules[i] is not null || first?[i] is not null)
                {
                    any = true;
                    table.SanitizedColumns.Add(name);
                }
            }
            return any ? new ColumnPlan { Columns = [.. columns], Rules = rules, FirstRowRules = first, LastRuleColumn = Array.FindLastIndex(rules, r => r is not null) } : null;
        }
    }
}
