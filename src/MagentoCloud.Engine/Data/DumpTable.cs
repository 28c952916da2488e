namespace MagentoCloud.Engine.Data;

/// <summary>One table of a dump as the sanitizer learns it: its columns, its rule, what was done.</summary>
internal sealed class DumpTable
{
    private ColumnPlan? _plan;
    private bool _planned;

    /// <param name="ruleName">The name rules know it by (without the table prefix).</param>
    /// <param name="beyondRules">Look for personal data the rules do not name (when sanitizing at all).</param>
    public DumpTable(string name, SanitizeTableRule? rule, bool drop, string? ruleName = null, bool beyondRules = false)
    {
        Name = name;
        Rule = rule;
        Drop = drop;
        SearchesEmails = beyondRules && !drop && PersonalColumns.SearchesEmails(ruleName ?? name, rule);
        // A rule that names no column ("my_table: {}") says the table was looked at: its names are not guessed.
        GuessesNames = beyondRules && !drop && (rule is null || rule.Columns.Count > 0 || rule.FirstRow.Count > 0);
    }

    public string Name { get; }

    public SanitizeTableRule? Rule { get; }

    public bool Drop { get; }

    /// <summary>Null until the dump's CREATE TABLE declared them.</summary>
    public List<DumpColumn>? Columns { get; set; }

    public long Rows { get; set; }

    /// <summary>An INSERT into it has gone through (<see cref="DumpSanitizerOptions.RowsStarted"/> was called).</summary>
    public bool RowsSeen { get; set; }

    public long SanitizedValues { get; set; }

    public SortedSet<string> SanitizedColumns { get; } = new(StringComparer.Ordinal);

    /// <summary>Every string no rule names is searched for email addresses.</summary>
    public bool SearchesEmails { get; }

    /// <summary>Columns no rule names get the action their names imply (<see cref="PersonalColumns.Infer"/>).</summary>
    public bool GuessesNames { get; }

    /// <summary>Columns sanitized by their names alone, with the action their names implied.</summary>
    public SortedDictionary<string, SanitizeAction> Guessed { get; } = new(StringComparer.Ordinal);

    /// <summary>Columns of a table no rule names whose names say free text that may be personal: reported, not replaced.</summary>
    public SortedSet<string> MaybePersonal { get; } = new(StringComparer.Ordinal);

    /// <summary>Columns no rule names in which email addresses were replaced, with how many.</summary>
    public SortedDictionary<string, long> EmailColumns { get; } = new(StringComparer.Ordinal);

    /// <summary>True when a rule would replace something in this table's rows.</summary>
    public bool HasColumnRules => Rule is { } r && (r.Columns.Values.Any(c => c.Action != SanitizeAction.Keep)
                                                    || r.FirstRow.Values.Any(c => c.Action != SanitizeAction.Keep));

    /// <summary>True when the rows must be read column by column: a rule, a guess or an email search may change them.</summary>
    public bool ReadsRows => HasColumnRules || SearchesEmails || GuessesNames;

    /// <summary>The plan for INSERTs without a column list, or null when nothing in the rows changes.</summary>
    public ColumnPlan? Plan()
    {
        if (_planned) return _plan;
        _planned = true;
        if (!ReadsRows) return null;
        // Without its CREATE TABLE only the rules' columns must be known; guesses and searches need names too.
        if (Columns is null) return HasColumnRules ? throw NoStructure() : null;
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

        /// <summary>The last column position with a rule or a search (rows are skipped faster past it).</summary>
        public int LastRuleColumn { get; init; }

        /// <summary>The string columns searched for email addresses (no rule names them), or null.</summary>
        public bool[]? Searched { get; init; }

        /// <summary>The rules for the table's first row, when it has its own.</summary>
        public SanitizeRule?[]? FirstRowRules { get; init; }

        /// <summary>
        /// In the first row, the action a first-row <c>keep</c> spares a column from: the value kept there is kept
        /// wherever that action meets it (the usable admin's username, in its user role too).
        /// </summary>
        public SanitizeAction?[]? FirstRowKeeps { get; init; }

        /// <summary>For a rule that holds for some rows only (<see cref="SanitizeRule.When"/>): the values those rows hold.</summary>
        public RowCondition[]?[]? Conditions { get; init; }

        /// <summary>The same for the first row's rules.</summary>
        public RowCondition[]?[]? FirstRowConditions { get; init; }

        /// <summary>The columns whose values a condition reads.</summary>
        public bool[]? Watched { get; init; }

        public static ColumnPlan? For(DumpTable table, IReadOnlyList<DumpColumn> columns)
        {
            var rule = table.Rule;
            if (rule is null && !table.ReadsRows) return null;
            var rules = new SanitizeRule?[columns.Count];
            SanitizeRule?[]? first = rule?.FirstRow.Count > 0 ? new SanitizeRule?[columns.Count] : null;
            SanitizeAction?[]? keeps = null;
            bool[]? searched = null;
            var any = false;
            for (var i = 0; i < columns.Count; i++)
            {
                var name = columns[i].Name;
                var action = rule?.Columns.GetValueOrDefault(name);
                if (action is null && rule?.FirstRow.ContainsKey(name) != true && table.GuessesNames && PersonalColumns.Infer(name, columns[i].Kind) is { } guess)
                {
                    action = guess;
                    table.Guessed[name] = guess.Action;
                }
                else if (action is null && rule is null && table.GuessesNames && PersonalColumns.MayBePersonal(name, columns[i].Kind))
                    table.MaybePersonal.Add(name);
                rules[i] = action is { Action: not SanitizeAction.Keep } ? action : null;
                if (first is not null)
                {
                    var firstAction = rule!.FirstRow.GetValueOrDefault(name) ?? action;
                    first[i] = firstAction is { Action: not SanitizeAction.Keep } ? firstAction : null;
                    if (first[i] is null && rules[i] is { } spared) (keeps ??= new SanitizeAction?[columns.Count])[i] = spared.Action;
                }
                if (rules[i] is not null || first?[i] is not null)
                {
                    any = true;
                    table.SanitizedColumns.Add(name);
                }
                else if (action is null && table.SearchesEmails && columns[i].Kind == DumpColumnKind.Text)
                {
                    any = true;
                    (searched ??= new bool[columns.Count])[i] = true;
                }
            }
            if (!any) return null;
            var watched = new bool[columns.Count];
            var conditions = ConditionsOf(rules, columns, watched);
            return new ColumnPlan
            {
                Columns = [.. columns], Rules = rules, FirstRowRules = first, FirstRowKeeps = keeps,
                Conditions = conditions, FirstRowConditions = first is null ? null : ConditionsOf(first, columns, watched),
                Watched = watched.Contains(true) ? watched : null, Searched = searched,
                LastRuleColumn = Math.Max(Array.FindLastIndex(rules, r => r is not null), searched is null ? -1 : Array.LastIndexOf(searched, true)),
            };
        }

        /// <summary>
        /// Each rule's conditions as column positions and literals. A condition on a column the rows do not hold
        /// left of the rule's is dropped: the streaming sanitizer cannot read it in time, and replacing is the safe side.
        /// </summary>
        private static RowCondition[]?[]? ConditionsOf(SanitizeRule?[] rules, IReadOnlyList<DumpColumn> columns, bool[] watched)
        {
            RowCondition[]?[]? all = null;
            for (var i = 0; i < rules.Length; i++)
            {
                if (rules[i]?.When is not { Count: > 0 } when) continue;
                var these = new List<RowCondition>();
                foreach (var (column, value) in when)
                {
                    var at = 0;
                    while (at < i && !string.Equals(columns[at].Name, column, StringComparison.OrdinalIgnoreCase)) at++;
                    if (at == i) continue;
                    watched[at] = true;
                    var quoted = new ByteBuilder();
                    quoted.AppendQuoted(value);
                    these.Add(new RowCondition(at, quoted.Span.ToArray(), System.Text.Encoding.UTF8.GetBytes(value)));
                }
                (all ??= new RowCondition[]?[rules.Length])[i] = [.. these];
            }
            return all;
        }
    }

    /// <summary>A row's value in <see cref="Column"/> is one of these literals: quoted as a string, or bare as a number.</summary>
    internal sealed record RowCondition(int Column, byte[] Quoted, byte[] Bare);
}
