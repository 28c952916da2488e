using MagentoCloud.Engine.Data;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>
/// The connections that load rows into a destination's staging schema from this process (no import client to kill there):
/// ending them with KILL CONNECTION is how a fault test drops a loader's link to the server mid-load.
/// </summary>
internal static class LoaderConnections
{
    /// <summary>Kills the loaders' connections that are sending rows (only the newest one when <paramref name="newestOnly"/>); whether any was.</summary>
    public static bool Kill(DatabaseEndpoint destination, bool newestOnly)
    {
        using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(destination with { Database = "" }));
        connection.Open();
        using var find = new MySqlCommand(
            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB LIKE CONCAT(@db, '\\_\\_mc\\_import\\_%') AND COMMAND = 'Query' " +
            "AND INFO LIKE 'INSERT%' ORDER BY ID DESC", connection);
        find.Parameters.AddWithValue("@db", destination.Database);
        var ids = new List<long>();
        // Between two batches a loader's connection is idle: look again for a moment.
        for (var tries = 0; ids.Count == 0 && tries < 200; tries++)
        {
            using (var reader = find.ExecuteReader())
                while (reader.Read()) ids.Add(Convert.ToInt64(reader.GetValue(0)));
            if (ids.Count == 0) Thread.Sleep(10);
        }
        foreach (var id in newestOnly ? ids.Take(1) : ids)
        {
            using var kill = new MySqlCommand($"KILL CONNECTION {id}", connection);
            try { kill.ExecuteNonQuery(); }
            catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.NoSuchThread) { }
        }
        return ids.Count > 0;
    }
}
