using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MagentoCloud.Engine.Environments;

/// <summary>
/// Project and environment variables. An environment's effective set is the project's variables,
/// overridden by its ancestors' inheritable ones (farthest first), overridden by its own.
/// Sensitive values are encrypted with the project's key and kept in <see cref="SecretStore"/>, off
/// the state's history (its records keep an empty value); never shown in output or activity logs.
/// </summary>
public sealed class VariableService(StateStore store)
{
    private readonly ActivityService _activities = new(store);
    private readonly SecretStore _secrets = new(store.Remote);

    /// <summary>
    /// Variables matching <paramref name="name"/> (wildcards allowed). With an environment and no
    /// level: its effective set. With a level: only what is defined at that level.
    /// </summary>
    public IReadOnlyList<CloudVariable> Get(string? name = null, string? environment = null, VariableLevel? level = null)
    {
        var matches = NamePattern.Matcher(name);
        return store.Read(s => Effective(s, environment, level)
            .Where(v => matches(v.Record.Name))
            .Select(v => v.Record.ToOutput(v.Level, v.Environment, v.InheritedFrom))
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>
    /// Creates or updates a variable: at environment level when <paramref name="environment"/> is
    /// given (or <paramref name="level"/> says so), else at project level.
    /// </summary>
    public async Task<CloudVariable> SetAsync(string name, string value, string? environment = null, VariableLevel? level = null,
        VariableSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        settings ??= new VariableSettings();
        var atEnvironment = ResolveLevel(level, environment) == VariableLevel.Environment;
        CloudVariable? output = null;
        string? envName = null;
        if (atEnvironment) envName = store.Read(s => s.Get(environment!).Name);
        var before = store.Read(s => (atEnvironment ? s.Get(envName!).Variables : s.ProjectVariables).FirstOrDefault(v => v.Name == name));
        var exists = before is not null;
        var secretKey = SecretStore.KeyOf(envName, name);
        // The key is found (or made and saved) before the update: a change function may run more than once.
        var key = settings.Sensitive ?? before?.Sensitive ?? false ? KeyForWriting() : null;
        var type = (atEnvironment, exists) switch
        {
            (true, false) => ActivityType.VariableCreate,
            (true, true) => ActivityType.VariableUpdate,
            (false, false) => ActivityType.ProjectVariableCreate,
            _ => ActivityType.ProjectVariableUpdate,
        };
        await _activities.RecordAsync(type, envName,
            $"Set variable {name}", s =>
            {
                var list = atEnvironment ? s.Get(envName!).Variables : s.ProjectVariables;
                var record = list.FirstOrDefault(v => v.Name == name);
                var created = record is null;
                var now = DateTimeOffset.Now;
                record ??= new VariableRecord { Name = name, CreatedAt = now };
                record.Sensitive = settings.Sensitive ?? record.Sensitive;
                record.Inheritable = atEnvironment && (settings.Inheritable ?? (created || record.Inheritable));
                record.Json = settings.Json ?? record.Json;
                record.VisibleBuild = settings.VisibleBuild ?? record.VisibleBuild;
                record.VisibleRuntime = settings.VisibleRuntime ?? record.VisibleRuntime;
                if (record.Json) ValidateJson(name, value, record.Sensitive);
                if (record.Sensitive)
                {
                    if (key is null || (s.Project?.SecretKeyId is { } id && id != key.Id))
                        throw new CloudException(CloudErrorId.StateConflict,
                            $"Variable '{name}' or the project's key changed while it was being set. Nothing was changed; run the command again.", name);
                    if (s.Project is { } project) project.SecretKeyId = key.Id;
                }
                record.Value = record.Sensitive ? "" : value;
                record.UpdatedAt = now;
                if (created) list.Add(record);
                output = record.ToOutput(atEnvironment ? VariableLevel.Environment : VariableLevel.Project, envName, null);
                // The log names the variable and its flags, never its value.
                return [$"{(created ? "Created" : "Updated")} {(atEnvironment ? $"environment '{envName}'" : "project")} variable '{name}'" +
                        $" (sensitive: {record.Sensitive}, json: {record.Json}, build: {record.VisibleBuild}, runtime: {record.VisibleRuntime}" +
                        (atEnvironment ? $", inheritable: {record.Inheritable})." : ").")];
            }, cancellationToken).ConfigureAwait(false);
        // Then the value: a reader in between finds the record, and at worst the previous value.
        var stored = output!.IsSensitive ? key!.Encrypt(secretKey, value) : null;
        await UpdateSecretsAsync($"Set variable {name}", values =>
        {
            if (stored is null) values.Remove(secretKey);
            else values[secretKey] = stored;
        }, cancellationToken).ConfigureAwait(false);
        return output!;
    }

    /// <summary>
    /// Removes a variable. With an environment and no level, a name defined both there and at
    /// project level is ambiguous: the caller must say which.
    /// </summary>
    public async Task<CloudVariable> RemoveAsync(string name, string? environment = null, VariableLevel? level = null,
        CancellationToken cancellationToken = default)
    {
        var envName = environment is null ? null : store.Read(s => s.Get(environment).Name);
        var resolved = store.Read(s =>
        {
            var inProject = s.ProjectVariables.Any(v => v.Name == name);
            var inEnvironment = envName is not null && s.Get(envName).Variables.Any(v => v.Name == name);
            if (level is not null) return level.Value;
            if (envName is null) return VariableLevel.Project;
            if (inProject && inEnvironment)
            {
                throw new CloudException(CloudErrorId.VariableAmbiguous,
                    $"Variable '{name}' exists at project level and on environment '{envName}'. " +
                    "Say which one to remove with -Level Project or -Level Environment.", name);
            }
            return inProject && !inEnvironment ? VariableLevel.Project : VariableLevel.Environment;
        });
        if (resolved == VariableLevel.Environment && envName is null)
        {
            throw new CloudException(CloudErrorId.InvalidArgument,
                $"Removing environment variable '{name}' needs -Environment.", name);
        }
        CloudVariable? removed = null;
        var atEnvironment = resolved == VariableLevel.Environment;
        await _activities.RecordAsync(atEnvironment ? ActivityType.VariableDelete : ActivityType.ProjectVariableDelete,
            atEnvironment ? envName : null, $"Deleted variable {name}", s =>
            {
                var list = atEnvironment ? s.Get(envName!).Variables : s.ProjectVariables;
                var record = list.FirstOrDefault(v => v.Name == name)
                    ?? throw new CloudException(CloudErrorId.VariableNotFound,
                        $"There is no variable '{name}' at {(atEnvironment ? $"environment '{envName}'" : "project")} level. " +
                        "List them with Get-CloudVariable.", name);
                list.Remove(record);
                removed = record.ToOutput(resolved, atEnvironment ? envName : null, null);
                return [$"Deleted {(atEnvironment ? $"environment '{envName}'" : "project")} variable '{name}'."];
            }, cancellationToken).ConfigureAwait(false);
        if (removed!.IsSensitive)
        {
            var secretKey = SecretStore.KeyOf(atEnvironment ? envName : null, name);
            await UpdateSecretsAsync($"Deleted variable {name}", values => values.Remove(secretKey), cancellationToken).ConfigureAwait(false);
        }
        return removed!;
    }

    /// <summary>
    /// The process environment variables a hook of <paramref name="environment"/> gets from variables:
    /// <c>env:X</c> becomes <c>X</c>, every other visible one goes into MAGENTO_CLOUD_VARIABLES
    /// (base64 of a JSON object; JSON variables as JSON). Holds sensitive values: never log it.
    /// </summary>
    public IReadOnlyDictionary<string, string> GetHookEnvironment(string environment, VariablePhase phase)
    {
        var secrets = _secrets.Read();
        return store.Read(s =>
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            var variables = new JsonObject();
            foreach (var v in Effective(s, environment, null).OrderBy(v => v.Record.Name, StringComparer.Ordinal))
            {
                var r = v.Record;
                if (phase == VariablePhase.Build ? !r.VisibleBuild : !r.VisibleRuntime) continue;
                var value = ValueOf(s, secrets, r, v.Environment, required: true)!;
                if (r.Name.StartsWith("env:", StringComparison.Ordinal))
                    result[r.Name[4..]] = value;
                else
                    variables[r.Name] = r.Json ? JsonNode.Parse(value) : JsonValue.Create(value);
            }
            result["MAGENTO_CLOUD_VARIABLES"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(variables.ToJsonString()));
            return result;
        });
    }

    /// <summary>Every sensitive value of the project (every level, every environment): what to blank out of logs.</summary>
    public IReadOnlyList<string> SensitiveValues() => SensitiveVariables().Select(v => v.Value).ToList();

    /// <summary>Every sensitive variable of the project with its value (every level, every environment), decrypted.</summary>
    /// <remarks>Values whose key this machine lacks are left out: it cannot have handed them to a hook either.</remarks>
    public IReadOnlyList<(string Name, string Value)> SensitiveVariables()
    {
        var secrets = _secrets.Read();
        return store.Read(s =>
            s.ProjectVariables.Where(v => v.Sensitive).Select(v => (v.Name, Value: ValueOf(s, secrets, v, null, required: false)))
                .Concat(s.Environments.Values.SelectMany(e => e.Variables.Where(v => v.Sensitive)
                    .Select(v => (v.Name, Value: ValueOf(s, secrets, v, e.Name, required: false)))))
                .Where(v => !string.IsNullOrEmpty(v.Value))
                .Select(v => (v.Name, v.Value!))
                .ToList());
    }

    /// <summary>
    /// A variable's value: a sensitive one decrypted from <see cref="SecretStore"/> (a project from
    /// before keeps it in the record until Protect-CloudVariable moves it). Null when the key is
    /// missing and not <paramref name="required"/>.
    /// </summary>
    private static string? ValueOf(CloudState s, Dictionary<string, string> secrets, VariableRecord record, string? environment, bool required)
    {
        if (!record.Sensitive || !secrets.TryGetValue(SecretStore.KeyOf(environment, record.Name), out var stored)) return record.Value;
        var projectId = s.Project?.Id ?? "";
        var key = required ? ProjectKey.Require(projectId, ProjectKey.KeyIdOf(stored)) : ProjectKey.Find(projectId, ProjectKey.KeyIdOf(stored));
        return key?.Decrypt(SecretStore.KeyOf(environment, record.Name), stored);
    }

    /// <summary>The project's key for a new sensitive value: the one it has (SecretKeyMissing if this machine lacks it), or a new one, saved.</summary>
    private ProjectKey KeyForWriting()
    {
        var (projectId, keyId) = store.Read(s => (s.Project?.Id ?? "", s.Project?.SecretKeyId));
        if (keyId is not null) return ProjectKey.Require(projectId, keyId);
        var key = ProjectKey.New();
        key.Save(projectId);
        return key;
    }

    /// <summary>Changes the stored values, and drops those whose variable is gone or no longer sensitive.</summary>
    private Task UpdateSecretsAsync(string message, Action<Dictionary<string, string>> change, CancellationToken cancellationToken) =>
        _secrets.UpdateAsync(message, values =>
        {
            change(values);
            var kept = store.Read(s => s.ProjectVariables.Where(v => v.Sensitive).Select(v => SecretStore.KeyOf(null, v.Name))
                .Concat(s.Environments.Values.SelectMany(e => e.Variables.Where(v => v.Sensitive).Select(v => SecretStore.KeyOf(e.Name, v.Name))))
                .ToHashSet(StringComparer.Ordinal));
            foreach (var stale in values.Keys.Where(k => !kept.Contains(k)).ToList()) values.Remove(stale);
        }, cancellationToken);

    private static IEnumerable<(VariableRecord Record, VariableLevel Level, string? Environment, string? InheritedFrom)> Effective(
        CloudState s, string? environment, VariableLevel? level)
    {
        var byName = new Dictionary<string, (VariableRecord, VariableLevel, string?, string?)>(StringComparer.Ordinal);
        if (environment is null || level is null or VariableLevel.Project)
        {
            foreach (var v in s.ProjectVariables) byName[v.Name] = (v, VariableLevel.Project, null, null);
        }
        if (environment is not null && level is not VariableLevel.Project)
        {
            var own = s.Get(environment);
            if (level is null)
            {
                foreach (var ancestor in s.Ancestors(own.Name).Reverse())
                    foreach (var v in ancestor.Variables.Where(v => v.Inheritable))
                        byName[v.Name] = (v, VariableLevel.Environment, ancestor.Name, ancestor.Name);
            }
            foreach (var v in own.Variables) byName[v.Name] = (v, VariableLevel.Environment, own.Name, null);
        }
        return byName.Values;
    }

    private static VariableLevel ResolveLevel(VariableLevel? level, string? environment)
    {
        var resolved = level ?? (environment is null ? VariableLevel.Project : VariableLevel.Environment);
        if (resolved == VariableLevel.Environment && environment is null)
            throw new CloudException(CloudErrorId.InvalidArgument, "An environment-level variable needs -Environment.", level);
        return resolved;
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '='))
        {
            throw new CloudException(CloudErrorId.VariableInvalid,
                $"'{name}' is not a valid variable name: use letters, digits, '_', '.', ':' and '-', no spaces or '='.", name);
        }
        if (name.StartsWith("env:", StringComparison.Ordinal) && name.Length == 4)
        {
            throw new CloudException(CloudErrorId.VariableInvalid,
                "'env:' needs a name after it, e.g. env:COMPOSER_AUTH.", name);
        }
    }

    private static void ValidateJson(string name, string value, bool sensitive)
    {
        try
        {
            JsonNode.Parse(value);
        }
        catch (JsonException e)
        {
            // Never echo a sensitive value, not even in the parse error.
            throw new CloudException(CloudErrorId.VariableInvalid,
                $"Variable '{name}' is marked JSON but its value is not valid JSON" +
                (sensitive ? "." : $": {e.Message}") + " Fix the value or drop -Json.", name);
        }
    }
}
