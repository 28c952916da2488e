using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Project;

/// <summary>The database passwords a project's machine knows without reaching a host: what to blank out of logs and history.</summary>
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
        foreach (var key in topology.EnvironmentKeys)
        {
            try { passwords.Add(topology.TopologyFor(key, key).Database?.ReadPassword()); }
            catch (Exception e) when (e is CloudException or IOException or UnauthorizedAccessException)
            {
                // A password that cannot be read here is in no log written here either.
            }
        }
        var server = new LocalDatabaseServer(Path.Combine(projectRoot, ".magento", "local"));
        foreach (var environment in environments)
            passwords.AddRange(server.KnownPasswords(EnvironmentDatabase.LocalDatabaseName(environment)));
        return passwords.Where(p => !string.IsNullOrEmpty(p)).Select(p => p!).Distinct(StringComparer.Ordinal).ToList();
    }
}
