using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// The MariaDB/MySQL command-line clients on the host that reaches a database: mariadb-dump (or
/// mysqldump) and mariadb (or mysql), run through that host's transport. The password goes in
/// MYSQL_PWD, in the command's environment, never on its command line.
/// </summary>
public sealed class DatabaseClient(ITransport transport, DatabaseEndpoint endpoint)
{
    private string? _dumpProgram;
    private string? _clientProgram;

    public ITransport Transport { get; } = transport;

    /// <summary>The database as the client's host reaches it.</summary>
    public DatabaseEndpoint Endpoint { get; } = endpoint;

    /// <summary>Runs the dump client with <paramref name="options"/> (and the connection options), its stdout into <paramref name="output"/>.</summary>
    public async Task DumpAsync(IEnumerable<string> options, Stream output, CancellationToken cancellationToken)
    {
        _dumpProgram ??= await FindAsync(["mariadb-dump", "mysqldump"], cancellationToken).ConfigureAwait(false);
        var result = await Transport.RunAsync(new CommandRequest
        {
            Arguments = [_dumpProgram, .. Connection(), .. options],
            Environment = Password(),
            StandardOutput = output,
            CaptureOutput = true,
        }, cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess($"{_dumpProgram} of {Endpoint} on {Transport.Host}", Endpoint.Database);
    }

    /// <summary>Runs the SQL client on <paramref name="database"/> with <paramref name="input"/> as its script.</summary>
    public async Task ImportAsync(string database, Stream input, CancellationToken cancellationToken)
    {
        _clientProgram ??= await FindAsync(["mariadb", "mysql"], cancellationToken).ConfigureAwait(false);
        var result = await Transport.RunAsync(new CommandRequest
        {
            Arguments = [_clientProgram, .. Connection(), "--max-allowed-packet=1G", "--default-character-set=utf8mb4", "--batch", "--database=" + database],
            Environment = Password(),
            StandardInput = input,
            CaptureOutput = true,
        }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw ImportFailure(Endpoint.WithDatabase(database), Transport.Host, ErrorDetail(result.Error), result.ExitCode, Endpoint.Database);
    }

    /// <summary>An import's failure, as the user reads it: the server's disk filling up said so, whatever the client.</summary>
    internal static CloudException ImportFailure(DatabaseEndpoint into, string host, string detail, int? exitCode, string target, Exception? inner = null) =>
        new(CloudErrorId.ImportFailed, OutOfSpace(detail)
            ? $"The database server at {into.Host}:{into.Port} ran out of space during the import into {into} " +
              $"on {host}: {detail.TrimEnd('.')}. " +
              "The destination was left unchanged. An import builds a whole copy beside the " +
              "current database, so the server needs room for both: free space on its disk, then run it again."
            : $"The import into {into} on {host} failed{(exitCode is { } code ? $" (exit code {code})" : "")}: {detail.TrimEnd('.')}. " +
              "The destination was left unchanged. Fix the cause and run it again.", target, inner);

    /// <summary>
    /// The client's ERROR lines: before each it echoes the failed statement, which in a dump may be megabytes of row
    /// data, of no use in a message.
    /// </summary>
    private static string ErrorDetail(string error)
    {
        var lines = error.Split('\n').Where(l => l.StartsWith("ERROR ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        var detail = lines.Count > 0 ? string.Join(" ", lines) : error.Trim();
        return detail.Length > 2000 ? "..." + detail[^2000..] : detail;
    }

    /// <summary>
    /// The server's ways of saying its disk is full: a table that cannot grow (1114, or errno 135 from a CREATE),
    /// disk full (1021), ENOSPC.
    /// </summary>
    private static bool OutOfSpace(string detail) =>
        new[] { "ERROR 1114 (", "ERROR 1021 (", "No more room in record file", "No space left on device" }
            .Any(sign => detail.Contains(sign, StringComparison.Ordinal));

    private IEnumerable<string> Connection()
    {
        if (Endpoint.Socket is { } socket) yield return "--socket=" + socket;
        else
        {
            yield return "--host=" + Endpoint.Host;
            yield return "--port=" + Endpoint.Port;
            yield return "--protocol=TCP";
        }
        yield return "--user=" + Endpoint.User;
    }

    private Dictionary<string, string> Password() => new() { ["MYSQL_PWD"] = Endpoint.Password };

    private async Task<string> FindAsync(string[] programs, CancellationToken cancellationToken)
    {
        var script = string.Join(" || ", programs.Select(p => "command -v " + p));
        var found = await Transport.RunAsync(CommandRequest.Shell(script), cancellationToken).ConfigureAwait(false);
        var path = found.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (!found.Succeeded || path is null)
            throw new CloudException(CloudErrorId.BuildToolMissing,
                $"Neither {string.Join(" nor ", programs)} is installed on {Transport.Host}. Install the MariaDB (or MySQL) client there.",
                Transport.Host);
        return Path.GetFileName(path);
    }
}
