using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Environments;

/// <summary>
/// Protect-CloudVariable: moves every sensitive value into <see cref="SecretStore"/>, encrypted with
/// the project's key (a new one with <c>newKey</c>), and rewrites the history of the state ref so
/// that no commit holds a sensitive value, in a variable record or echoed into an activity log. Run
/// once on a project from before encryption, and whenever the key must change.
/// </summary>
public sealed class VariableProtection(StateStore store)
{
    private const string ProjectVariablesFile = "variables/project.json";
    private const string EnvironmentsFolder = "environments/";
    private const string ProjectFile = "project.json";
    private const int MaxAttempts = 5;

    private readonly SecretStore _secrets = new(store.Remote);

    /// <param name="alsoRemove">Other secrets to blank out of the history's logs (database passwords, a value a hook echoed before hooks started clean).</param>
    public async Task<CloudVariableProtection> ProtectAsync(bool newKey, IEnumerable<string> alsoRemove, IOperationObserver observer,
        CancellationToken cancellationToken)
    {
        var others = alsoRemove.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        var (projectId, keyId) = store.Read(s => (s.Project?.Id ?? "", s.Project?.SecretKeyId));
        var previous = keyId is null ? null : ProjectKey.Require(projectId, keyId);
        var key = newKey || previous is null ? ProjectKey.New() : previous;
        var keyPath = ProjectKey.PathFor(projectId, key.Id);
        if (key != previous) keyPath = key.Save(projectId);

        var history = new StateHistory(store.Remote, ProjectRemote.StateRef);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tip = history.Tip()
                ?? throw new CloudException(CloudErrorId.ProjectInvalid, "The project remote holds no project state. Was it made with New-CloudProject?", ProjectRemote.StateRef);

            // Every value a sensitive variable has ever had, in the records (older versions kept them there) and in the store.
            observer.Progress(new OperationProgress("Protect variables", "Reading the state's history"));
            var sensitiveKeys = new HashSet<string>(StringComparer.Ordinal);
            var valuesByKey = new List<(string Key, string Value)>();
            history.ForEachFile(tip, (path, text) =>
            {
                foreach (var (k, sensitive, value) in Records(path, text))
                {
                    if (sensitive) sensitiveKeys.Add(k);
                    if (value.Length > 0) valuesByKey.Add((k, value));
                }
            });
            var stored = _secrets.Read();
            var current = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, value) in stored)
                current[k] = ProjectKey.Require(projectId, ProjectKey.KeyIdOf(value)).Decrypt(k, value);
            // A value still in a record of the tip, from before encryption, moves into the store.
            using (var tree = store.Remote.ReadState())
            {
                foreach (var path in VariableFiles(tree))
                    foreach (var (k, sensitive, value) in Records(path, tree.ReadText(path)!))
                        if (sensitive && value.Length > 0 && !current.ContainsKey(k)) current[k] = value;
            }
            var removed = valuesByKey.Where(v => sensitiveKeys.Contains(v.Key)).Select(v => v.Value).Concat(current.Values)
                .Distinct(StringComparer.Ordinal).ToList();
            var mask = new SecretMask(removed.Concat(others));

            observer.Progress(new OperationProgress("Protect variables", "Rewriting the state's history"));
            var (rewrittenTip, rewritten) = history.Rewrite(tip, (path, text) =>
            {
                var blanked = Blank(path, text, key.Id) ?? text;
                var masked = MaskText(blanked, mask);
                return masked == text ? null : masked;
            });

            // The values first, under the key the rewritten state names; then the state, compare-and-swap.
            await _secrets.UpdateAsync("Protect-CloudVariable", values =>
            {
                values.Clear();
                foreach (var (k, value) in current) values[k] = key.Encrypt(k, value);
            }, cancellationToken).ConfigureAwait(false);
            if (!await history.TryMoveAsync(tip, rewrittenTip, cancellationToken).ConfigureAwait(false))
            {
                observer.Log("The state changed while its history was being rewritten; starting again.");
                continue;
            }

            var pruned = Prune(observer);
            if (previous is not null && previous.Id != key.Id)
                File.Delete(ProjectKey.PathFor(projectId, previous.Id)); // it opens nothing any more
            await new ActivityService(store).RecordAsync(ActivityType.ProjectVariableProtect, null, "Protect sensitive variables", _ =>
                [$"Sensitive values encrypted with key {key.Id}{(key != previous && previous is not null ? $" (replacing key {previous.Id})" : "")}; " +
                 $"{rewritten} state commit(s) rewritten without them; {removed.Concat(others).Distinct(StringComparer.Ordinal).Count()} value(s) removed from the history."], cancellationToken).ConfigureAwait(false);
            return new CloudVariableProtection
            {
                KeyId = key.Id,
                KeyPath = keyPath,
                KeyRotated = previous is not null && previous.Id != key.Id,
                SensitiveValues = current.Count,
                CommitsRewritten = rewritten,
                ValuesRemoved = removed.Concat(others).Distinct(StringComparer.Ordinal).Count(),
                Pruned = pruned,
                Remote = store.Remote.Url,
            };
        }
        throw new CloudException(CloudErrorId.StateConflict,
            $"The project state kept changing while its history was being rewritten ({MaxAttempts} attempts). Run Protect-CloudVariable again when no one else is working on the project.",
            ProjectRemote.StateRef);
    }

    /// <summary>The free text of a state file (logs, descriptions, titles) with the values blanked; ids, names and flags stay as they are.</summary>
    private static string MaskText(string text, SecretMask mask)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(text); }
        catch (JsonException) { return text; }
        if (root is null || !MaskStrings(root, mask)) return text;
        return root.ToJsonString(CloudState.Json);
    }

    private static readonly HashSet<string> FreeText = new(StringComparer.Ordinal) { "log", "description", "title", "message", "summary" };

    private static bool MaskStrings(JsonNode node, SecretMask mask)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonValue value && FreeText.Contains(name) && value.TryGetValue<string>(out var text) && mask.Apply(text) is var masked && masked != text)
                    {
                        obj[name] = masked;
                        changed = true;
                    }
                    else if (child is not null && child is not JsonValue) changed |= MaskStrings(child, mask);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                    if (child is not null && child is not JsonValue) changed |= MaskStrings(child, mask);
                break;
        }
        return changed;
    }

    private static IEnumerable<string> VariableFiles(StateTree tree) =>
        tree.List("environments").Select(f => EnvironmentsFolder + f).Append(ProjectVariablesFile).Where(p => tree.ReadText(p) is not null);

    /// <summary>The variable records of a state file: (store key, sensitive, value as stored).</summary>
    private static IEnumerable<(string Key, bool Sensitive, string Value)> Records(string path, string text)
    {
        if (VariablesOf(path, text) is not { } found) yield break;
        foreach (var record in found.Variables.OfType<JsonObject>())
        {
            var name = record["name"]?.GetValue<string>() ?? "";
            yield return (SecretStore.KeyOf(found.Environment, name), record["sensitive"]?.GetValue<bool>() ?? false, record["value"]?.GetValue<string>() ?? "");
        }
    }

    /// <summary>A state file with every sensitive record's value emptied (and project.json naming the key); null when nothing changed.</summary>
    private static string? Blank(string path, string text, string keyId)
    {
        JsonNode? root;
        if (path == ProjectFile)
        {
            root = JsonNode.Parse(text);
            if (root is not JsonObject project || project["secretKeyId"]?.GetValue<string>() == keyId) return null;
            project["secretKeyId"] = keyId;
            return root.ToJsonString(CloudState.Json);
        }
        if (VariablesOf(path, text) is not { } found) return null;
        var changed = false;
        foreach (var record in found.Variables.OfType<JsonObject>())
        {
            if (record["sensitive"]?.GetValue<bool>() != true || record["value"]?.GetValue<string>() is null or "") continue;
            record["value"] = "";
            changed = true;
        }
        return changed ? found.Root.ToJsonString(CloudState.Json) : null;
    }

    private static (JsonNode Root, JsonArray Variables, string? Environment)? VariablesOf(string path, string text)
    {
        try
        {
            if (path == ProjectVariablesFile && JsonNode.Parse(text) is JsonArray list) return (list, list, null);
            if (path.StartsWith(EnvironmentsFolder, StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.Ordinal)
                && JsonNode.Parse(text) is JsonObject environment && environment["variables"] is JsonArray variables)
                return (environment, variables, environment["name"]?.GetValue<string>());
        }
        catch (JsonException)
        {
            // Not a file this version wrote: left as it is (the mask still applies).
        }
        return null;
    }

    /// <summary>
    /// Deletes what no ref reaches any more (the old history) from a project remote on a path, with
    /// git's own gc; an SSH remote's owner runs it on the server.
    /// </summary>
    private bool Prune(IOperationObserver observer)
    {
        if (store.Remote.IsSsh)
        {
            observer.Warning($"The old history is unreachable but still stored in {store.Remote.Url} until Git collects it: " +
                             "run 'git reflog expire --expire=now --all && git gc --prune=now' in that repository on its server.");
            return false;
        }
        foreach (var arguments in new[] { new[] { "reflog", "expire", "--expire=now", "--all" }, ["gc", "--prune=now", "--quiet"] })
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("--git-dir");
            start.ArgumentList.Add(store.Remote.GitDirectory);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            try
            {
                using var git = Process.Start(start)!;
                var error = git.StandardError.ReadToEndAsync();
                git.StandardOutput.ReadToEnd();
                git.WaitForExit();
                if (git.ExitCode != 0)
                {
                    observer.Warning($"git {string.Join(' ', arguments)} failed in {store.Remote.GitDirectory} ({error.Result.Trim()}): " +
                                     "the old history stays stored there until it runs.");
                    return false;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                observer.Warning($"git is not installed: the old history stays stored in {store.Remote.GitDirectory} until 'git gc --prune=now' runs there.");
                return false;
            }
        }
        return true;
    }
}
