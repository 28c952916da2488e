using MagentoCloud.Engine.Transport;
using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// How many streams a copy runs at once: by default what the database servers can take (the cores
/// of the machines running them), and never more SSH channels on one host than an OpenSSH server
/// allows by default (MaxSessions 10, of which the transport keeps up to four for pooled shells).
/// </summary>
internal static class CopyThrottle
{
    /// <summary>Most streams a copy runs by default, whatever the servers' cores.</summary>
    public const int MaxDefault = 8;

    /// <summary>Exec channels a copy may hold on one SSH host: MaxSessions 10 less the pooled shells less one for a kill.</summary>
    public const int SshChannels = 5;

    /// <summary>The cores of the slower of the two database servers, at most <see cref="MaxDefault"/>.</summary>
    public static async Task<int> DefaultAsync(DatabaseEndpoint source, DatabaseEndpoint destination, CancellationToken cancellationToken)
    {
        var cores = Math.Min(await CoresAsync(source, cancellationToken).ConfigureAwait(false),
            await CoresAsync(destination, cancellationToken).ConfigureAwait(false));
        return Math.Clamp(cores, 1, MaxDefault);
    }

    /// <summary>
    /// The streams the hosts allow: every stream holds an import channel on the destination's host and,
    /// while it runs, a dump channel on the source's (both on one connection when it is the same host).
    /// </summary>
    public static int Cap(int streams, ITransport sourceHost, ITransport destinationHost)
    {
        if (destinationHost is SshTransport) streams = Math.Min(streams, SshChannels);
        if (sourceHost is SshTransport) streams = Math.Min(streams, ReferenceEquals(sourceHost, destinationHost) ? SshChannels / 2 : SshChannels);
        return Math.Max(1, streams);
    }

    /// <summary>Dump processes that may run at once on the source's host (each holds a channel there while it waits its turn).</summary>
    public static int MaxProcesses(int streams, ITransport sourceHost, ITransport destinationHost)
    {
        if (sourceHost is not SshTransport) return Math.Max(streams, Math.Min(4 * streams, 16));
        return Math.Max(streams, SshChannels - (ReferenceEquals(sourceHost, destinationHost) ? streams : 0));
    }

    /// <summary>
    /// MariaDB sizes its thread pool (thread_pool_size) to the server's cores by default; a server that does
    /// not say gives this machine's count.
    /// </summary>
    private static async Task<int> CoresAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint with { Database = "" }));
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var values = await SchemaQueries.StringsAsync(connection,
                "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES WHERE VARIABLE_NAME = 'THREAD_POOL_SIZE' AND @db = @db",
                "", cancellationToken).ConfigureAwait(false);
            return values.Count == 1 && int.TryParse(values[0], out var cores) && cores > 0 ? cores : Environment.ProcessorCount;
        }
        catch (MySqlException)
        {
            return Environment.ProcessorCount;
        }
    }
}
