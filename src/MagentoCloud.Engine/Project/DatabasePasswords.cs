using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Project;

/// <summary>The database (and services') passwords a project's machine knows without reaching a host: what to blank out of logs and history.</summary>
public static class DatabasePasswords
{
    /// <summary>
    /// The topology's passwords (every environment's <c>password_env</c> or <c>password_file</c> that can be
    /// read here) and the local default's: its administrative account and the accounts of <paramref name="environments"/>.
    /// </summary>
    public static IReadOnlyList<string> Known(string projectRoot, IEnumerable<string> environments)
    {
        var passwords = new List<string?>();
        var topology = ProjectFiles.Load(projectRoot).Topology;
        void TryAdd(Func<string?> read)
        {
            try { passwords.Add(read()); }
            catch (Exception e) when (e is CloudException or IOException or UnauthorizedAccessException)
            {
                // A password that cannot be read here is in no log written here either.
            }
        }
        foreach (var key in topology.EnvironmentKeys)
        {
            var entry = topology.TopologyFor(key, key);
            TryAdd(() => entry.Database?.ReadPassword());
            // The services' passwords too (Redis, OpenSearch, RabbitMQ): hooks see them in MAGENTO_CLOUD_RELATIONSHIPS.
            foreach (var service in entry.Services.Values)
            {
                TryAdd(service.ReadPassword);
                TryAdd(() => service.ReadAdmin().Password);
            }
        }
        var server = new LocalDatabaseServer(Path.Combine(projectRoot, ".magento", "local"));
        foreach (var environment in environments)
            passwords.AddRange(server.KnownPasswords(EnvironmentDatabase.LocalDatabaseName(environment)));
        return passwords.Where(p => !string.IsNullOrEmpty(p)).Select(p => p!).Distinct(StringComparer.Ordinal).ToList();
    }
}
