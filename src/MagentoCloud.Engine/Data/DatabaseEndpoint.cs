using System.Text.Json.Serialization;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Where an environment's database is, as seen from the host that runs its code. The password is
/// held for connecting only: it is never serialized, printed or put on a command line.
/// </summary>
public sealed record DatabaseEndpoint
{
    public required string Host { get; init; }

    public int Port { get; init; } = 3306;

    /// <summary>A Unix socket to use instead of TCP, when the client runs on the same machine.</summary>
    public string? Socket { get; init; }

    public required string Database { get; init; }

    public required string User { get; init; }

    [JsonIgnore]
    public string Password { get; init; } = "";

    /// <summary>Same server and credentials, another database.</summary>
    public DatabaseEndpoint WithDatabase(string database) => this with { Database = database };

    public override string ToString() => $"{User}@{Host}:{Port}/{Database}";
}
