using System.Text;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Configuration;

/// <summary>
/// The local default's databases: one per environment on the project's private MariaDB server.
/// Environments placed on hosts by the topology are reached through them, which this resolver
/// leaves to the shared database access (it says so rather than guess).
/// </summary>
internal static class LocalEnvironmentDatabases
{
    /// <summary>The database that holds an environment's data on the local server: env_ plus its name.</summary>
    public static string EnvironmentDatabaseName(string environment)
    {
        var name = new StringBuilder("env_");
        foreach (var c in environment.ToLowerInvariant()) name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        return name.ToString();
    }

    public static EnvironmentDatabaseResolver For(Workspace workspace) => async (environment, observer, cancellationToken) =>
    {
        var record = workspace.Environments.Get(environment);
        var topology = workspace.TopologyFor(record.Name, record.Type);
        if (!topology.IsLocal)
            throw new CloudException(CloudErrorId.DatabaseUnavailable,
                $"Environment '{record.Name}' runs on {string.Join(", ", topology.Hosts)}; reaching its database over SSH is not available in this version. " +
                "Run the command on the environment's host, or use an environment of the local default.",
                record.Name);
        return await new LocalDatabaseServer(workspace.LocalDirectory)
            .EnsureRunningAsync(EnvironmentDatabaseName(record.Name), observer, cancellationToken).ConfigureAwait(false);
    };
}
