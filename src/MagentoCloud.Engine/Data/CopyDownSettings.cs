using System.Text.RegularExpressions;
using LibGit2Sharp;
using MagentoCloud.Engine.Configuration;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;
using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Makes an environment its own again after another environment's database landed in it: every
/// <c>web/*/base_url</c> and <c>web/*/base_link_url</c> (all scopes) to the destination's routes, the
/// overrides of <c>.magento/overrides.yaml</c>, config.php's scopes and themes imported again; then refuses
/// success while any value still names one of the source's host names (staging must never link to,
/// mail from or pay through production).
/// </summary>
public static class CopyDownSettings
{
    /// <summary>Applies the changes to <paramref name="destination"/>'s database; returns them, logging what it did.</summary>
    public static async Task<IReadOnlyList<CloudSettingChange>> ApplyAsync(Workspace workspace, CloudEnvironment from, CloudEnvironment to,
        DatabaseEndpoint destination, List<string> log, IOperationObserver observer, CancellationToken cancellationToken)
    {
        await using var connection = await StoreDatabase.OpenAsync(destination, cancellationToken).ConfigureAwait(false);
        if (!await HasTableAsync(connection, "core_config_data", cancellationToken).ConfigureAwait(false))
        {
            log.Add("No core_config_data in the copied database: no settings to make this environment's own.");
            return [];
        }
        var files = workspace.Files;
        var target = workspace.Deployments.RoutesOf(to.Name, files);
        var (secure, unsecure) = target.BaseUrls;
        var sourceHosts = new HashSet<string>(workspace.Deployments.RoutesOf(from.Name, files).AllHostNames, StringComparer.OrdinalIgnoreCase);
        var ownHosts = target.AllHostNames;
        // Environments told apart by their URLs: the hosts the source's base URLs name are the source's too. Both at the
        // same host names (no URL of their own in the topology), the copied URLs name no environment of their own.
        var distinct = !sourceHosts.SetEquals(ownHosts);
        var changes = new List<CloudSettingChange>();

        foreach (var (id, scope, scopeId, path, value) in await RowsAsync(connection,
                     "SELECT config_id, scope, scope_id, path, value FROM core_config_data WHERE path REGEXP '^web/[^/]+/base_(link_)?url$'",
                     cancellationToken).ConfigureAwait(false))
        {
            // {{unsecure_base_url}} and the like follow the rewritten ones by themselves.
            if (value is null || !Uri.TryCreate(value, UriKind.Absolute, out var old) || (old.Scheme != Uri.UriSchemeHttp && old.Scheme != Uri.UriSchemeHttps))
                continue;
            if (distinct) sourceHosts.Add(old.Host);
            var site = path.StartsWith("web/secure/", StringComparison.Ordinal) ? secure : unsecure;
            var rewritten = $"{site.Scheme}://{site.Authority}{(old.AbsolutePath == "/" ? site.AbsolutePath : old.PathAndQuery)}";
            if (rewritten == value) continue;
            await ExecuteAsync(connection, "UPDATE core_config_data SET value = @v WHERE config_id = @id", cancellationToken, ("@v", rewritten), ("@id", id))
                .ConfigureAwait(false);
            changes.Add(new CloudSettingChange { Scope = scope, ScopeId = scopeId, Path = path, Change = "Rewritten", Value = rewritten });
        }
        sourceHosts.ExceptWith(ownHosts);

        var overrides = SettingsOverrides.For(workspace.Root, to.Name, to.Type.ToString().ToLowerInvariant());
        if (overrides.Entries.Count > 0)
        {
            var websites = await CodesAsync(connection, "SELECT code, website_id FROM store_website", cancellationToken).ConfigureAwait(false);
            var stores = await CodesAsync(connection, "SELECT code, store_id FROM store", cancellationToken).ConfigureAwait(false);
            foreach (var entry in overrides.Entries)
            {
                var scope = ConfigEntry.ScopeName(entry.Scope);
                var codes = entry.Scope == ConfigScope.Websites ? websites : stores;
                var scopeId = 0;
                if (entry.Scope != ConfigScope.Default && !codes.TryGetValue(entry.ScopeCode!, out scopeId))
                    throw new CloudException(CloudErrorId.OverridesInvalid,
                        $"{SettingsOverrides.ProjectFile} sets {entry.Path} for the {scope[..^1]} '{entry.ScopeCode}', which {to.Name}'s database does not have " +
                        $"(it has {string.Join(", ", codes.Keys)}). Fix the code in the file and copy the data again.", SettingsOverrides.ProjectFile);
                if (entry.Value is null)
                    await ExecuteAsync(connection, "DELETE FROM core_config_data WHERE scope = @s AND scope_id = @i AND path = @p", cancellationToken,
                        ("@s", scope), ("@i", scopeId), ("@p", entry.Path)).ConfigureAwait(false);
                else
                    await ExecuteAsync(connection,
                        "INSERT INTO core_config_data (scope, scope_id, path, value) VALUES (@s, @i, @p, @v) ON DUPLICATE KEY UPDATE value = VALUES(value)",
                        cancellationToken, ("@s", scope), ("@i", scopeId), ("@p", entry.Path), ("@v", entry.Value)).ConfigureAwait(false);
                changes.Add(new CloudSettingChange { Scope = scope, ScopeId = scopeId, Path = entry.Path, Change = entry.Value is null ? "Removed" : "Overridden" });
            }
        }

        if (ConfigPhpOf(workspace, to) is { } config)
        {
            var imported = await ConfigurationService.ApplyAsync(destination, config, observer, cancellationToken).ConfigureAwait(false);
            log.Add($"{ConfigurationService.ConfigPhpPath} imported again: {imported.Inserted} added, {imported.Updated} updated.");
        }

        log.Add(changes.Count == 0
            ? $"No settings of {from.Name} needed changing for {to.Name}."
            : $"Settings made {to.Name}'s own: {string.Join("; ", changes)}.");
        await RequireNoSourceHostAsync(connection, from, to, sourceHosts, cancellationToken).ConfigureAwait(false);
        return changes;
    }

    /// <summary>Throws when any value of core_config_data still names one of <paramref name="hosts"/> (as a whole host name, not part of a longer one).</summary>
    private static async Task RequireNoSourceHostAsync(MySqlConnection connection, CloudEnvironment from, CloudEnvironment to, IReadOnlySet<string> hosts,
        CancellationToken cancellationToken)
    {
        if (hosts.Count == 0) return;
        var pattern = new Regex(@"(?<![A-Za-z0-9.-])(" + string.Join("|", hosts.Select(Regex.Escape)) + @")(?![A-Za-z0-9-]|\.[A-Za-z0-9])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var left = (await RowsAsync(connection, "SELECT config_id, scope, scope_id, path, value FROM core_config_data ORDER BY path, scope, scope_id",
                cancellationToken).ConfigureAwait(false))
            .Where(r => r.Value is not null && pattern.IsMatch(r.Value))
            .Select(r => $"{r.Path} [{r.Scope} {r.ScopeId}] names {pattern.Match(r.Value!).Value}")
            .ToList();
        if (left.Count == 0) return;
        throw new CloudException(CloudErrorId.SourceHostRemains,
            $"{to.Name}'s configuration still points at {from.Name}: {string.Join("; ", left.Take(10))}{(left.Count > 10 ? $" (and {left.Count - 10} more)" : "")}. " +
            $"The data is copied, but {to.Name} is not safe to use yet. Give these settings {to.Name}'s values under " +
            $"{(to.Name == to.Type.ToString().ToLowerInvariant() ? $"'{to.Name}:'" : $"'{to.Type.ToString().ToLowerInvariant()}:' (or '{to.Name}:')")} in {SettingsOverrides.ProjectFile} and copy again, or change them with Set-CloudConfig.", to.Name);
    }

    /// <summary>The config.php of what the destination runs (its deployed commit, else its branch head); null when it has none.</summary>
    private static PhpArray? ConfigPhpOf(Workspace workspace, CloudEnvironment to)
    {
        var commit = to.DeployedCommit ?? workspace.State.Remote.GetBranchHead(to.Name);
        if (commit is null) return null;
        using var repository = new Repository(workspace.State.Remote.GitDirectory);
        return repository.Lookup<Commit>(commit)?.Tree[ConfigurationService.ConfigPhpPath]?.Target is Blob blob
            ? PhpArrayReader.Read(blob.GetContentStream(), ConfigurationService.ConfigPhpPath).Root
            : null;
    }

    private static async Task<bool> HasTableAsync(MySqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @t", connection);
        command.Parameters.AddWithValue("@t", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) > 0;
    }

    private static async Task<List<(long Id, string Scope, int ScopeId, string Path, string? Value)>> RowsAsync(MySqlConnection connection, string sql,
        CancellationToken cancellationToken)
    {
        var rows = new List<(long, string, int, string, string?)>();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add((Convert.ToInt64(reader.GetValue(0)), reader.GetString(1), Convert.ToInt32(reader.GetValue(2)), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetValue(4).ToString()));
        return rows;
    }

    private static async Task<Dictionary<string, int>> CodesAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            codes[reader.GetValue(0).ToString()!] = Convert.ToInt32(reader.GetValue(1));
        return codes;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
