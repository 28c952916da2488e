using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>Small queries on a server's catalog, shared by the dump plan and the staging schema.</summary>
internal static class SchemaQueries
{
    public static async Task<List<string>> StringsAsync(MySqlConnection connection, string sql, string database, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@db", database);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) values.Add(reader.GetString(0));
        return values;
    }

    public static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One row of a SHOW CREATE statement: the named columns' values.</summary>
    public static async Task<Dictionary<string, string>> ShowAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            for (var i = 0; i < reader.FieldCount; i++)
                row[reader.GetName(i)] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i)) ?? "";
        return row;
    }
}
