using System.Reflection;
using System.Text.RegularExpressions;
using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Magento Open Source 2.4's layouts of the tables this project reads, writes or sanitizes, embedded as
/// Data/Schema/magento-2.4.sql. Test fixtures and the sample store start from these, so the sanitizer
/// and the configuration export see the columns a real store has.
/// </summary>
public static partial class MagentoSchema
{
    private const string ResourceName = "MagentoCloud.Engine.Data.Schema.magento-2.4.sql";

    private static readonly Lazy<IReadOnlyList<string>> LazyStatements = new(ReadStatements);

    private static readonly Lazy<IReadOnlyList<string>> LazyTables = new(() =>
        LazyStatements.Value.Select(statement => TableName().Match(statement).Groups[1].Value).ToArray());

    /// <summary>The tables, in the order they are created.</summary>
    public static IReadOnlyList<string> Tables => LazyTables.Value;

    /// <summary>The DDL itself, as embedded.</summary>
    public static string Script
    {
        get
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the engine.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>
    /// Creates every table that does not exist yet in the endpoint's database; existing tables are left
    /// as they are, so running it twice is harmless.
    /// </summary>
    public static async Task CreateAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            throw new CloudException(
                CloudErrorId.DatabaseUnavailable,
                $"Could not connect to the database {endpoint} to create Magento's tables: {e.Message}. " +
                "Check that the server runs and the database exists.",
                target: endpoint.ToString());
        }
        await CreateAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task CreateAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        // Magento's own connections run with an empty sql_mode; integration.updated_at's zero default needs it.
        await using (var mode = new MySqlCommand("SET SESSION sql_mode = ''", connection))
            await mode.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        foreach (var statement in LazyStatements.Value)
        {
            await using var command = new MySqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A table's columns in their order, as the embedded DDL declares them.</summary>
    internal static string[] Columns(string table)
    {
        var statement = LazyStatements.Value.FirstOrDefault(s => TableName().Match(s).Groups[1].Value == table)
            ?? throw new ArgumentException($"{table} is not one of the embedded Magento tables.", nameof(table));
        return statement.Split('\n')
            .Select(line => ColumnName().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToArray();
    }

    private static IReadOnlyList<string> ReadStatements()
    {
        // Comments are whole lines starting with "--"; every statement ends with ";" at the end of a line.
        var lines = Script.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal));
        return string.Join('\n', lines)
            .Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(statement => statement.TrimEnd(';'))
            .Where(statement => statement.Length > 0)
            .ToArray();
    }

    [GeneratedRegex(@"^  `([^`]+)` ")]
    private static partial Regex ColumnName();

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS `([^`]+)`")]
    private static partial Regex TableName();
}
