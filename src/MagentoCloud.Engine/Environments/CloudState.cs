using System.Text.Json;
using System.Text.Json.Serialization;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Environments;

/// <summary>
/// The project's shared state as read from one state commit: environments (one file each, with
/// their variables), project variables, and access to activities. A change function edits it; only
/// the files whose content changed are written back, so each update stays small.
/// Layout: <c>project.json</c>, <c>variables/project.json</c>, <c>environments/&lt;name&gt;.json</c>,
/// <c>activities/&lt;yyyy-MM&gt;/&lt;id&gt;.json</c> (sharded by month so no tree grows without end).
/// </summary>
public sealed class CloudState
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private const string ProjectFile = "project.json";
    private const string ProjectVariablesFile = "variables/project.json";
    private const string EnvironmentsFolder = "environments";
    private const string ActivitiesFolder = "activities";

    private readonly StateTree _tree;
    private readonly Dictionary<string, string> _original = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CloudActivity> _activities = new(StringComparer.Ordinal);

    internal CloudState(StateTree tree)
    {
        _tree = tree;
        foreach (var file in tree.List(EnvironmentsFolder))
        {
            var path = $"{EnvironmentsFolder}/{file}";
            var text = tree.ReadText(path);
            if (text is null) continue;
            var record = JsonSerializer.Deserialize<EnvironmentRecord>(text, Json)!;
            Environments[record.Name] = record;
            _original[path] = text;
        }
        var variables = tree.ReadText(ProjectVariablesFile);
        if (variables is not null)
        {
            ProjectVariables = JsonSerializer.Deserialize<List<VariableRecord>>(variables, Json)!;
            _original[ProjectVariablesFile] = variables;
        }
        var project = tree.ReadText(ProjectFile);
        if (project is not null)
        {
            Project = JsonSerializer.Deserialize<ProjectRecord>(project, Json)!;
            _original[ProjectFile] = project;
        }
    }

    /// <summary>The state commit this was read from; null before the project's first state.</summary>
    public string? CommitId => _tree.CommitId;

    public ProjectRecord? Project { get; set; }

    /// <summary>Environments by name (case-insensitive: names are unique regardless of case).</summary>
    public Dictionary<string, EnvironmentRecord> Environments { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<VariableRecord> ProjectVariables { get; private set; } = [];

    /// <summary>
    /// An environment, or EnvironmentNotFound naming the ones that exist. A name that breaks the
    /// name rule is refused (EnvironmentNameInvalid), whether given or stored in the state.
    /// </summary>
    public EnvironmentRecord Get(string name)
    {
        var record = GetForRepair(name);
        EnvironmentName.RequireValidStored(record.Name);
        return record;
    }

    /// <summary>
    /// An environment even when its stored name breaks the name rule: only for what repairs it
    /// (rename, deactivate, remove), never for what runs anything on a host.
    /// </summary>
    public EnvironmentRecord GetForRepair(string name)
    {
        if (Environments.TryGetValue(name, out var record)) return record;
        if (!EnvironmentName.IsValid(name)) EnvironmentName.Normalize(name); // says what is wrong with it
        throw new CloudException(
            CloudErrorId.EnvironmentNotFound,
            $"There is no environment '{name}'. Known environments: {string.Join(", ", Environments.Keys.Order(StringComparer.Ordinal))}. " +
            "List them with Get-CloudEnvironment.",
            target: name);
    }

    /// <summary>The parent chain of <paramref name="name"/>, nearest first (cycles cut).</summary>
    public IReadOnlyList<EnvironmentRecord> Ancestors(string name)
    {
        var chain = new List<EnvironmentRecord>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { name };
        var current = Get(name).Parent;
        while (current is not null && seen.Add(current) && Environments.TryGetValue(current, out var parent))
        {
            chain.Add(parent);
            current = parent.Parent;
        }
        return chain;
    }

    /// <summary>Adds or replaces an activity record in this update.</summary>
    public void SaveActivity(CloudActivity activity) => _activities[activity.Id] = activity;

    /// <summary>An activity by id: one written in this update, else the stored one, else null.</summary>
    public CloudActivity? FindActivity(string id)
    {
        if (_activities.TryGetValue(id, out var pending)) return pending;
        if (!ActivityId.IsWellFormed(id)) return null;
        var text = _tree.ReadText(ActivityPath(id));
        return text is null ? null : JsonSerializer.Deserialize<CloudActivity>(text, Json);
    }

    /// <summary>Stored activities, newest first, read lazily month by month.</summary>
    public IEnumerable<CloudActivity> ReadActivities()
    {
        foreach (var month in _tree.List(ActivitiesFolder).Reverse())
        {
            foreach (var file in _tree.List($"{ActivitiesFolder}/{month}").Reverse())
            {
                var text = _tree.ReadText($"{ActivitiesFolder}/{month}/{file}");
                if (text is not null) yield return JsonSerializer.Deserialize<CloudActivity>(text, Json)!;
            }
        }
    }

    private static string ActivityPath(string id) => $"{ActivitiesFolder}/{id[..4]}-{id[4..6]}/{id}.json";

    /// <summary>The files that differ from what was read: path → new text, or null to delete.</summary>
    internal Dictionary<string, string?> Changes()
    {
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in Environments.Values)
            current[$"{EnvironmentsFolder}/{record.Name}.json"] = JsonSerializer.Serialize(record, Json);
        if (ProjectVariables.Count > 0 || _original.ContainsKey(ProjectVariablesFile))
            current[ProjectVariablesFile] = JsonSerializer.Serialize(ProjectVariables, Json);
        if (Project is not null)
            current[ProjectFile] = JsonSerializer.Serialize(Project, Json);
        foreach (var (path, text) in current)
        {
            if (!_original.TryGetValue(path, out var before) || before != text) changes[path] = text;
        }
        foreach (var path in _original.Keys)
        {
            if (!current.ContainsKey(path)) changes[path] = null;
        }
        foreach (var activity in _activities.Values)
            changes[ActivityPath(activity.Id)] = JsonSerializer.Serialize(activity, Json);
        return changes;
    }
}
