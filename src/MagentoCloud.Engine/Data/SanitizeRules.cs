using System.Reflection;
using MagentoCloud.Engine.Project;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// The sanitizing rules of a copy: the built-in ones (sanitize.default.yaml, Magento 2.4's personal
/// data), extended or overridden by a project's <c>.magento/sanitize.yaml</c>. For a table, every
/// matching rule applies, wildcard rules before exact names and the project's after the built-in
/// ones, so a later rule overrides an earlier one column by column.
/// </summary>
public sealed class SanitizeRules
{
    public const string ProjectFile = ".magento/sanitize.yaml";
    private const string DefaultResource = "MagentoCloud.Engine.Data.sanitize.default.yaml";

    private static readonly Lazy<SanitizeRules> BuiltInRules = new(LoadBuiltIn);
    private static readonly Dictionary<string, SanitizeAction> ActionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["keep"] = SanitizeAction.Keep, ["email"] = SanitizeAction.Email, ["name"] = SanitizeAction.Name,
        ["firstname"] = SanitizeAction.FirstName, ["lastname"] = SanitizeAction.LastName,
        ["username"] = SanitizeAction.Username, ["street"] = SanitizeAction.Street, ["city"] = SanitizeAction.City,
        ["postcode"] = SanitizeAction.Postcode, ["phone"] = SanitizeAction.Phone, ["ip"] = SanitizeAction.Ip,
        ["date"] = SanitizeAction.Date, ["text"] = SanitizeAction.Text, ["null"] = SanitizeAction.Null,
        ["empty"] = SanitizeAction.Empty, ["hash"] = SanitizeAction.Hash, ["token"] = SanitizeAction.Token,
    };

    // Layers in precedence order; within a layer, wildcard rules apply before exact names.
    private readonly IReadOnlyList<IReadOnlyList<SanitizeTableRule>> _layers;

    private SanitizeRules(IReadOnlyList<IReadOnlyList<SanitizeTableRule>> layers, bool inherit)
    {
        _layers = layers;
        Inherit = inherit;
    }

    /// <summary>No rules at all: everything passes through.</summary>
    public static SanitizeRules None { get; } = new([], inherit: true);

    /// <summary>The built-in rules (Magento 2.4's personal data).</summary>
    public static SanitizeRules BuiltIn => BuiltInRules.Value;

    /// <summary>False when the file said <c>inherit: false</c>: it replaces the rules it extends.</summary>
    public bool Inherit { get; }

    /// <summary>Every table rule, in the order they apply.</summary>
    public IReadOnlyList<SanitizeTableRule> Tables => _layers.SelectMany(l => l).ToList();

    /// <summary>The built-in rules extended by the project's .magento/sanitize.yaml, if it has one.</summary>
    public static SanitizeRules ForProject(string projectRoot)
    {
        var path = Path.Combine(projectRoot, ProjectFile);
        return File.Exists(path) ? BuiltIn.Extend(Parse(File.ReadAllText(path), ProjectFile)) : BuiltIn;
    }

    /// <summary>These rules with <paramref name="overrides"/> on top (or instead, if it says inherit: false).</summary>
    public SanitizeRules Extend(SanitizeRules overrides) =>
        overrides.Inherit ? new SanitizeRules([.. _layers, .. overrides._layers], Inherit) : overrides;

    /// <summary>
    /// The merged rule for one table (its pattern is the table's name), or null when no rule names it.
    /// </summary>
    public SanitizeTableRule? For(string table)
    {
        bool? truncate = null;
        Dictionary<string, SanitizeRule>? columns = null, firstRow = null;
        var matched = false;
        foreach (var layer in _layers)
        {
            foreach (var wildcard in new[] { true, false })
                foreach (var rule in layer)
                {
                    if (rule.IsWildcard != wildcard || !TablePattern.Matches(rule.Pattern, table)) continue;
                    matched = true;
                    truncate = rule.Truncate ?? truncate;
                    foreach (var (column, action) in rule.Columns)
                        (columns ??= new(StringComparer.OrdinalIgnoreCase))[column] = action;
                    foreach (var (column, action) in rule.FirstRow)
                        (firstRow ??= new(StringComparer.OrdinalIgnoreCase))[column] = action;
                }
        }
        if (!matched) return null;
        return new SanitizeTableRule
        {
            Pattern = table,
            Truncate = truncate ?? false,
            Columns = columns ?? new Dictionary<string, SanitizeRule>(StringComparer.OrdinalIgnoreCase),
            FirstRow = firstRow ?? new Dictionary<string, SanitizeRule>(StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>True when a rule names (or a wildcard matches) at least one of <paramref name="tables"/>.</summary>
    public bool MatchesAny(IEnumerable<string> tables) => tables.Any(table => For(table) is not null);

    /// <summary>
    /// Null when these rules match a table of <paramref name="tables"/>; else why a copy from <paramref name="source"/>
    /// sanitized with them protects nothing but what the sanitizer guesses (a .magento/sanitize.yaml with only
    /// <c>inherit: false</c>, or rules for other tables).
    /// </summary>
    public string? MatchesNothing(IReadOnlyCollection<string> tables, string source) =>
        ReferenceEquals(this, None) || tables.Count == 0 || MatchesAny(tables) ? null :
        $"No sanitizing rule matches any of the {tables.Count} tables of {source}'s database" +
        (Inherit ? "" : $" ({ProjectFile} says 'inherit: false', so the built-in rules for Magento's tables are off)") +
        ": only the sanitizer's guesses (columns named like personal data, email addresses in text) protect its customers' data. " +
        $"Add rules for its tables to {ProjectFile}" + (Inherit ? "." : ", or remove 'inherit: false'.");

    /// <summary>Reads rules from YAML text; <paramref name="source"/> names the file in error messages.</summary>
    public static SanitizeRules Parse(string yaml, string source)
    {
        YamlNode? document;
        try
        {
            document = YamlReader.Read(yaml);
        }
        catch (YamlException e)
        {
            throw Invalid(source, e.Start, e is YamlLimitException ? e.Message : $"it is not valid YAML ({e.InnerException?.Message ?? e.Message})");
        }
        if (document is null or YamlScalarNode { Value: null or "" })
            return new SanitizeRules([[]], inherit: true);
        if (document is not YamlMappingNode root)
            throw Invalid(source, document.Start, "the file must be a mapping with a 'tables' key");

        var inherit = true;
        var rules = new List<SanitizeTableRule>();
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = Scalar(source, keyNode);
            switch (key)
            {
                case "inherit":
                    inherit = Boolean(source, valueNode);
                    break;
                case "tables":
                    if (valueNode is YamlScalarNode { Value: null or "" }) break;
                    if (valueNode is not YamlMappingNode tables)
                        throw Invalid(source, valueNode.Start, "'tables' must map table names (or wildcards) to their rules");
                    foreach (var (tableNode, ruleNode) in tables.Children)
                        rules.Add(TableRule(source, Scalar(source, tableNode), ruleNode));
                    break;
                default:
                    throw Invalid(source, keyNode.Start, $"unknown key '{key}'; the file holds 'tables' (and optionally 'inherit')");
            }
        }
        return new SanitizeRules([rules], inherit);
    }

    private static SanitizeTableRule TableRule(string source, string pattern, YamlNode node)
    {
        if (node is YamlScalarNode { Value: null or "" }) return new SanitizeTableRule { Pattern = pattern, Source = Where(source, node.Start) };
        if (node is not YamlMappingNode mapping)
            throw Invalid(source, node.Start, $"the rule for '{pattern}' must be a mapping with 'columns', 'first_row' or 'truncate'");
        bool? truncate = null;
        var columns = new Dictionary<string, SanitizeRule>(StringComparer.OrdinalIgnoreCase);
        var firstRow = new Dictionary<string, SanitizeRule>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            switch (Scalar(source, keyNode))
            {
                case "truncate":
                    truncate = Boolean(source, valueNode);
                    break;
                case "columns":
                    Columns(source, pattern, valueNode, columns);
                    break;
                case "first_row":
                    Columns(source, pattern, valueNode, firstRow);
                    break;
                case var other:
                    throw Invalid(source, keyNode.Start, $"unknown key '{other}' in the rule for '{pattern}'; use 'columns', 'first_row' or 'truncate'");
            }
        }
        return new SanitizeTableRule { Pattern = pattern, Truncate = truncate, Columns = columns, FirstRow = firstRow, Source = Where(source, node.Start) };
    }

    private static void Columns(string source, string pattern, YamlNode node, Dictionary<string, SanitizeRule> into)
    {
        if (node is YamlScalarNode { Value: null or "" }) return;
        if (node is not YamlMappingNode mapping)
            throw Invalid(source, node.Start, $"the columns of '{pattern}' must map column names to actions");
        foreach (var (columnNode, actionNode) in mapping.Children)
            into[Scalar(source, columnNode)] = Action(source, actionNode);
    }

    /// <summary>An action's name, <c>{ fixed: value }</c>, or either with the rows it is for: <c>{ action: name, when: { column: value } }</c>.</summary>
    private static SanitizeRule Action(string source, YamlNode node)
    {
        if (node is not YamlMappingNode mapping) return NamedAction(source, node);
        SanitizeRule? rule = null;
        Dictionary<string, string>? when = null;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            switch (Scalar(source, keyNode))
            {
                case "fixed" when rule is null:
                    rule = new SanitizeRule(SanitizeAction.Fixed, valueNode is YamlScalarNode scalar ? scalar.Value ?? "" : throw Invalid(source, valueNode.Start, "'fixed' takes a plain value"));
                    break;
                case "action" when rule is null:
                    rule = NamedAction(source, valueNode);
                    break;
                case "when" when valueNode is YamlMappingNode conditions && conditions.Children.Count > 0:
                    when = conditions.Children.ToDictionary(c => Scalar(source, c.Key),
                        c => c.Value is YamlScalarNode { Value: { } value } ? value : throw Invalid(source, c.Value.Start, "'when' takes plain values"),
                        StringComparer.OrdinalIgnoreCase);
                    break;
                case "when":
                    throw Invalid(source, valueNode.Start, "'when' maps columns to the values the rows must hold");
                default:
                    throw Invalid(source, keyNode.Start, "a column's rule is an action, { fixed: value } or { action: name }, with an optional 'when'");
            }
        }
        return (rule ?? throw Invalid(source, node.Start, "a column's rule needs 'action' or 'fixed'")) with { When = when };
    }

    private static SanitizeRule NamedAction(string source, YamlNode node)
    {
        var name = node is YamlScalarNode s ? s.Value ?? "" : "";
        if (ActionNames.TryGetValue(name, out var action)) return new SanitizeRule(action);
        throw Invalid(source, node.Start,
            $"unknown action '{name}'; use one of {string.Join(", ", ActionNames.Keys)}, or {{ fixed: value }}");
    }

    private static string Scalar(string source, YamlNode node) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Invalid(source, node.Start, "a name was expected here");

    private static bool Boolean(string source, YamlNode node) => Scalar(source, node).ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw Invalid(source, node.Start, $"'{other}' is not true or false"),
    };

    private static string Where(string source, Mark mark) => $"{source}:{mark.Line}";

    private static CloudException Invalid(string source, Mark mark, string why) => new(
        CloudErrorId.SanitizeRulesInvalid,
        $"The sanitizing rules in {Where(source, mark)} cannot be used: {why}. Fix the file and run the command again.",
        target: source);

    private static SanitizeRules LoadBuiltIn()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The engine lacks its embedded {DefaultResource}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "sanitize.default.yaml");
    }
}
