using System.Globalization;
using MagentoCloud.Engine.Data;
using MySqlConnector;

namespace MagentoCloud.Engine.Configuration;

/// <summary>
/// Magento's store tables in an environment's database: reads the configuration (core_config_data,
/// store_website, store_group, store, theme, admin_user, translation), changes single settings as
/// <c>bin/magento config:set</c> does, and imports config.php's scopes and themes as
/// <c>app:config:import</c> does.
/// </summary>
internal static class StoreDatabase
{
    private static readonly string[] ScopeTables = ["store_website", "store_group", "store"];

    public static async Task<MySqlConnection> OpenAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        // PDO gives tinyint(1) columns as '0'/'1'; so must we (theme.is_featured).
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(LocalDatabaseServer.ConnectionString(endpoint))
        {
            TreatTinyAsBoolean = false,
            ConnectionTimeout = 10,
        }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (MySqlException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Unreachable(endpoint, e);
        }
    }

    public static CloudException Unreachable(DatabaseEndpoint endpoint, MySqlException e) => new(
        CloudErrorId.DatabaseUnavailable,
        e.ErrorCode == MySqlErrorCode.UnknownDatabase
            ? $"The database '{endpoint.Database}' does not exist on {endpoint.Host}:{endpoint.Port}. Deploy the environment or copy a database into it first."
            : $"Could not reach the database {endpoint} ({e.Message}). Check that the database server runs and that the topology's endpoint and credentials are right; nothing was changed.",
        endpoint.ToString(), e);

    public static async Task<StoreSnapshot> ReadAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(endpoint, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadAsync(connection, endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            throw new CloudException(CloudErrorId.DatabaseUnavailable,
                $"The database {endpoint} is not a Magento database ({e.Message}). Install Magento or copy a database into the environment first.",
                endpoint.ToString(), e);
        }
        catch (MySqlException e)
        {
            throw Unreachable(endpoint, e);
        }
    }

    private static async Task<StoreSnapshot> ReadAsync(MySqlConnection connection, DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        var snapshot = new StoreSnapshot();
        snapshot.Websites.AddRange(await RowsAsync(connection, "SELECT * FROM store_website ORDER BY website_id", cancellationToken).ConfigureAwait(false));
        snapshot.Groups.AddRange(await RowsAsync(connection, "SELECT * FROM store_group ORDER BY group_id", cancellationToken).ConfigureAwait(false));
        snapshot.Stores.AddRange(await RowsAsync(connection, "SELECT * FROM store ORDER BY store_id", cancellationToken).ConfigureAwait(false));

        var websiteCodes = snapshot.Websites.ToDictionary(w => Text(w, "website_id"), w => Text(w, "code"));
        var storeCodes = snapshot.Stores.ToDictionary(s => Text(s, "store_id"), s => Text(s, "code"));

        await using (var command = new MySqlCommand(
                         "SELECT config_id, scope, scope_id, path, value FROM core_config_data", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetValue(0).ToString();
                var scope = reader.GetString(1);
                var scopeId = Convert.ToString(reader.GetValue(2), CultureInfo.InvariantCulture)!;
                var path = reader.GetString(3);
                var value = reader.IsDBNull(4) ? null : reader.GetString(4);
                snapshot.Settings.Add(scope switch
                {
                    "default" => new ConfigEntry(ConfigScope.Default, null, path, value),
                    "websites" => new ConfigEntry(ConfigScope.Websites,
                        websiteCodes.GetValueOrDefault(scopeId) ?? throw Orphan(endpoint, id, scope, scopeId, path, "website", "store_website"), path, value),
                    "stores" => new ConfigEntry(ConfigScope.Stores,
                        storeCodes.GetValueOrDefault(scopeId) ?? throw Orphan(endpoint, id, scope, scopeId, path, "store view", "store"), path, value),
                    _ => throw new CloudException(CloudErrorId.ConfigScopeNotFound,
                        $"core_config_data row {id} in {endpoint.Database} has scope '{scope}' (path '{path}'); Magento knows only default, websites and stores. " +
                        $"Correct or delete the row (DELETE FROM core_config_data WHERE config_id = {id}) and export again.", path),
                });
            }
        }

        // Sorted here rather than by the server: with a TEXT column in the rows its filesort is far slower.
        snapshot.Settings.Sort(static (a, b) =>
        {
            var byPath = string.CompareOrdinal(a.Path, b.Path);
            if (byPath != 0) return byPath;
            var byScope = a.Scope.CompareTo(b.Scope);
            return byScope != 0 ? byScope : string.CompareOrdinal(a.ScopeCode, b.ScopeCode);
        });

        var themes = await RowsAsync(connection, "SELECT * FROM theme ORDER BY theme_id", cancellationToken).ConfigureAwait(false);
        var themePaths = themes.ToDictionary(t => Text(t, "theme_id"), t => t["theme_path"] as string);
        foreach (var theme in themes)
        {
            // config.php names themes and parents by path, never by id: ids differ between environments.
            var row = new PhpArray();
            foreach (var (column, value) in theme)
            {
                if (column is "theme_id" or "preview_image") continue;
                row[column] = column is "parent_id" && value is string parent ? themePaths.GetValueOrDefault(parent) : value;
            }
            var fullPath = $"{theme["area"]}/{theme["theme_path"]}";
            snapshot.Themes.Add(new(fullPath, row));
            snapshot.ThemeFullPaths[Text(theme, "theme_id")] = fullPath;
        }

        await using (var command = new MySqlCommand("SELECT DISTINCT interface_locale FROM admin_user WHERE interface_locale IS NOT NULL ORDER BY user_id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var locale = reader.GetString(0);
                if (!snapshot.AdminLocales.Contains(locale)) snapshot.AdminLocales.Add(locale);
            }
        }

        if (await TableExistsAsync(connection, "translation", cancellationToken).ConfigureAwait(false))
            await ReadTranslationsAsync(connection, snapshot, storeCodes, websiteCodes, cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    private static async Task ReadTranslationsAsync(MySqlConnection connection, StoreSnapshot snapshot,
        Dictionary<string, string> storeCodes, Dictionary<string, string> websiteCodes, CancellationToken cancellationToken)
    {
        var websiteOfStore = snapshot.Stores.ToDictionary(s => Text(s, "store_id"), s => websiteCodes.GetValueOrDefault(Text(s, "website_id")) ?? "");
        await using var command = new MySqlCommand("SELECT store_id, locale, string, translate FROM translation ORDER BY key_id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var storeId = Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!;
            if (!storeCodes.TryGetValue(storeId, out var store)) continue;
            snapshot.Translations.GetOrAddArray(reader.GetString(1)).GetOrAddArray(websiteOfStore[storeId]).GetOrAddArray(store)
                [reader.GetString(2)] = reader.IsDBNull(3) ? null : reader.GetString(3);
        }
    }

    private static CloudException Orphan(DatabaseEndpoint endpoint, string? id, string scope, string scopeId, string path, string what, string table) => new(
        CloudErrorId.ConfigScopeNotFound,
        $"core_config_data row {id} in {endpoint.Database} (scope '{scope}', scope_id {scopeId}, path '{path}') names {what} {scopeId}, " +
        $"which is not in {table}. Delete the row (DELETE FROM core_config_data WHERE config_id = {id}) or recreate the {what}, then export again.",
        path);

    /// <summary>Inserts or updates one setting, as config:set does.</summary>
    public static async Task SetAsync(DatabaseEndpoint endpoint, ConfigScope scope, string? scopeCode, string path, string? value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var scopeId = await ScopeIdAsync(connection, scope, scopeCode, cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(
            "INSERT INTO core_config_data (scope, scope_id, path, value) VALUES (@scope, @scopeId, @path, @value) " +
            "ON DUPLICATE KEY UPDATE value = VALUES(value)", connection);
        command.Parameters.AddWithValue("@scope", ConfigEntry.ScopeName(scope));
        command.Parameters.AddWithValue("@scopeId", scopeId);
        command.Parameters.AddWithValue("@path", path);
        command.Parameters.AddWithValue("@value", value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes one setting; false when it was not set at that scope.</summary>
    public static async Task<bool> RemoveAsync(DatabaseEndpoint endpoint, ConfigScope scope, string? scopeCode, string path, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var scopeId = await ScopeIdAsync(connection, scope, scopeCode, cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand("DELETE FROM core_config_data WHERE scope = @scope AND scope_id = @scopeId AND path = @path", connection);
        command.Parameters.AddWithValue("@scope", ConfigEntry.ScopeName(scope));
        command.Parameters.AddWithValue("@scopeId", scopeId);
        command.Parameters.AddWithValue("@path", path);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static async Task<long> ScopeIdAsync(MySqlConnection connection, ConfigScope scope, string? code, CancellationToken cancellationToken)
    {
        if (scope == ConfigScope.Default) return 0;
        var (table, column, what, cmdlet) = scope == ConfigScope.Websites
            ? ("store_website", "website_id", "website", "websites")
            : ("store", "store_id", "store view", "stores");
        await using var command = new MySqlCommand($"SELECT {column} FROM {table} WHERE code = @code", connection);
        command.Parameters.AddWithValue("@code", code);
        var id = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (id is null or DBNull)
            throw new CloudException(CloudErrorId.ConfigScopeNotFound,
                $"There is no {what} with code '{code}' in {connection.Database}. Use the code of an existing {what} " +
                $"(Get-CloudConfig lists them under scopes/{cmdlet}).", code);
        return Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes config.php's websites, groups, stores and themes into the store tables, matched by id
    /// (themes by area and path); rows already equal are left alone, so a second run changes nothing.
    /// </summary>
    public static async Task<ConfigImportResult> ImportAsync(DatabaseEndpoint endpoint, PhpArray config, CancellationToken cancellationToken)
    {
        var result = new ConfigImportResult();
        await using var connection = await OpenAsync(endpoint, cancellationToken).ConfigureAwait(false);
        if (!await TableExistsAsync(connection, "store_website", cancellationToken).ConfigureAwait(false))
        {
            result.NotInstalled = true; // no Magento schema yet: setup:install comes first, as on Magento Cloud
            return result;
        }
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // Id 0 is the admin website, group and store; without this mode MariaDB would renumber them.
            await ExecuteAsync(connection, transaction, "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO'); SET SESSION foreign_key_checks = 0", cancellationToken).ConfigureAwait(false);
            var scopes = config["scopes"] as PhpArray;
            string[] sections = ["websites", "groups", "stores"];
            string[] keys = ["website_id", "group_id", "store_id"];
            for (var i = 0; i < ScopeTables.Length; i++)
            {
                if (scopes?[sections[i]] is not PhpArray rows) continue;
                var columns = await ColumnsAsync(connection, transaction, ScopeTables[i], cancellationToken).ConfigureAwait(false);
                var existing = (await RowsAsync(connection, $"SELECT * FROM {ScopeTables[i]}", cancellationToken, transaction).ConfigureAwait(false))
                    .ToDictionary(r => Text(r, keys[i]));
                foreach (var (_, value) in rows)
                {
                    if (value is not PhpArray row || row[keys[i]] is null) continue;
                    var id = PhpArray.ScalarText(row[keys[i]])!;
                    var wanted = row.Where(c => columns.Contains((string)c.Key)).ToList();
                    if (existing.TryGetValue(id, out var current) && wanted.All(c => PhpArray.ScalarText(c.Value) == PhpArray.ScalarText(current[c.Key])))
                    {
                        result.Unchanged++;
                        continue;
                    }
                    await UpsertAsync(connection, transaction, ScopeTables[i], wanted, cancellationToken).ConfigureAwait(false);
                    if (current is null) result.Inserted++;
                    else result.Updated++;
                }
            }
            if (config["themes"] is PhpArray themes)
                await ImportThemesAsync(connection, transaction, themes, result, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "SET SESSION foreign_key_checks = 1", cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            throw new CloudException(CloudErrorId.DatabaseUnavailable,
                $"Applying config.php's scopes and themes to {endpoint} failed ({e.Message}); the change was rolled back. " +
                "Check that the database holds Magento's store tables and that config.php's scopes are complete.", endpoint.ToString(), e);
        }
        return result;
    }

    private static async Task ImportThemesAsync(MySqlConnection connection, MySqlTransaction transaction, PhpArray themes,
        ConfigImportResult result, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(connection, transaction, "theme", cancellationToken).ConfigureAwait(false);
        var existing = await RowsAsync(connection, "SELECT * FROM theme", cancellationToken, transaction).ConfigureAwait(false);
        var ids = existing.ToDictionary(t => $"{t["area"]}/{t["theme_path"]}", t => Text(t, "theme_id"));
        var pending = themes.Where(t => t.Value is PhpArray).Select(t => (Key: t.Key.ToString()!, Row: (PhpArray)t.Value!)).ToList();
        // Parents first: a theme's parent_id is the id its parent has in this database.
        while (pending.Count > 0)
        {
            var ready = pending.FindIndex(t => t.Row["parent_id"] is not string parent || ids.ContainsKey($"{t.Row["area"]}/{parent}")
                                               || !pending.Any(p => p.Key == $"{t.Row["area"]}/{parent}"));
            var (key, row) = pending[ready < 0 ? 0 : ready];
            pending.RemoveAt(ready < 0 ? 0 : ready);
            var values = new List<KeyValuePair<object, object?>>();
            foreach (var (column, value) in row)
            {
                if (!columns.Contains((string)column)) continue;
                values.Add(new(column, (string)column == "parent_id" && value is string parent ? ids.GetValueOrDefault($"{row["area"]}/{parent}") : value));
            }
            if (ids.TryGetValue(key, out var id))
            {
                var current = existing.First(t => Text(t, "theme_id") == id);
                if (values.All(c => PhpArray.ScalarText(c.Value) == PhpArray.ScalarText(current[c.Key])))
                {
                    result.Unchanged++;
                    continue;
                }
                values.Insert(0, new("theme_id", id));
                await UpsertAsync(connection, transaction, "theme", values, cancellationToken).ConfigureAwait(false);
                result.Updated++;
            }
            else
            {
                await UpsertAsync(connection, transaction, "theme", values, cancellationToken).ConfigureAwait(false);
                await using var last = new MySqlCommand("SELECT LAST_INSERT_ID()", connection, transaction);
                ids[key] = Convert.ToString(await last.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture)!;
                result.Inserted++;
            }
        }
    }

    private static async Task UpsertAsync(MySqlConnection connection, MySqlTransaction transaction, string table,
        IReadOnlyList<KeyValuePair<object, object?>> values, CancellationToken cancellationToken)
    {
        var names = values.Select(v => LocalDatabaseServer.QuoteIdentifier((string)v.Key)).ToList();
        await using var command = new MySqlCommand(
            $"INSERT INTO {table} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values.Select((_, i) => "@p" + i))}) " +
            $"ON DUPLICATE KEY UPDATE {string.Join(", ", names.Select(n => $"{n} = VALUES({n})"))}", connection, transaction);
        for (var i = 0; i < values.Count; i++) command.Parameters.AddWithValue("@p" + i, PhpArray.ScalarText(values[i].Value));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HashSet<string>> ColumnsAsync(MySqlConnection connection, MySqlTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = @table", connection, transaction);
        command.Parameters.AddWithValue("@table", table);
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) columns.Add(reader.GetString(0));
        return columns;
    }

    private static async Task<bool> TableExistsAsync(MySqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = @table", connection);
        command.Parameters.AddWithValue("@table", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, MySqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows with every column as text (as PHP's PDO gives them, and config.php holds them).</summary>
    private static async Task<List<PhpArray>> RowsAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken, MySqlTransaction? transaction = null)
    {
        var rows = new List<PhpArray>();
        await using var command = new MySqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new PhpArray();
            for (var i = 0; i < reader.FieldCount; i++)
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            rows.Add(row);
        }
        return rows;
    }

    private static string Text(PhpArray row, string column) => PhpArray.ScalarText(row[column]) ?? "";
}
