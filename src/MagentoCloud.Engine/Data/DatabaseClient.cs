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
        {
            var detail = result.Error.Trim();
            if (detail.Length > 2000) detail = "..." + detail[^2000..];
            throw new CloudException(CloudErrorId.ImportFailed,
                $"The import into {Endpoint.WithDatabase(database)} on {Transport.Host} failed (exit code {result.ExitCode}): {detail} " +
                "The destination was left unchanged. Fix the cause and run it again.", Endpoint.Database);
        }
    }

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
