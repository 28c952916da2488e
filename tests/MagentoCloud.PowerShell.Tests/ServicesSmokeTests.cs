using System.Diagnostics;
using MagentoCloud.PowerShell.Tests.Infrastructure;

namespace MagentoCloud.PowerShell.Tests;

/// <summary>
/// The test services are real, seen from a hosted PowerShell: a command runs over SSH on the three
/// loopback hosts, and sample data is written into the test MariaDB server through an SSH tunnel.
/// </summary>
public sealed class ServicesSmokeTests
{
    [Fact]
    public void Commands_run_over_ssh_on_three_hosts_and_data_reaches_mariadb_through_a_tunnel()
    {
        string Need(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: start the test services (tests/infra/start.sh) first.");
        var hosts = Need("MC_TEST_SSH_HOSTS").Split(' ');
        var hostsDir = Path.GetDirectoryName(Need("MC_TEST_HOST_ROOTS").Split(' ')[0])!;
        var database = "mc_smoke_ps_" + Guid.NewGuid().ToString("n")[..8];
        CreateDatabase(database, Need("MC_TEST_DB_PORT"), Need("MC_TEST_DB_USER"), Need("MC_TEST_DB_PASSWORD"));

        var folder = Path.Combine(Directory.CreateTempSubdirectory("mc-pssmoke-").FullName, "shop");
        using var session = new PowerShellSession();
        session.Invoke("New-CloudProject -Path $args[0] -Confirm:$false | Out-Null", folder);
        var hostList = string.Join(", ", hosts.Select(h => $"\"{Need("MC_TEST_SSH_USER")}@{h}:{Need("MC_TEST_SSH_PORT")}\""));
        File.WriteAllText(Path.Combine(folder, ".magento", "topology.yaml"), $"""
            environments:
              production:
                hosts: [{hostList}]
                root: {hostsDir}/{"{host}"}/{Path.GetFileName(Path.GetDirectoryName(folder))}/{"{environment}"}
                database: {"{"}host: 127.0.0.1, port: {Need("MC_TEST_DB_PORT")}, name: {database}, user: {Need("MC_TEST_DB_USER")}, password_env: MC_TEST_DB_PASSWORD{"}"}
                ssh: {"{"}identity_file: {Need("MC_TEST_SSH_KEY")}, known_hosts: {Need("MC_TEST_SSH_KNOWN_HOSTS")}{"}"}
            """);

        var deploy = session.Invoke("Invoke-CloudDeploy -Environment production -ProjectPath $args[0] -Confirm:$false -WarningAction SilentlyContinue", folder);
        Assert.Equal("Success", deploy.Single().Properties["Result"].Value.ToString());

        var results = session.Invoke("Invoke-CloudCommand -Environment production -ProjectPath $args[0] -AllHosts -Command 'echo \"$SSH_CONNECTION\"'", folder);
        Assert.Equal(3, results.Count);
        Assert.Equal(hosts.Order(), results.Select(r => ((string)r.Properties["Output"].Value).Split(' ')[2]).Order());

        var sample = session.Invoke("Install-CloudSampleData -Environment production -ProjectPath $args[0] -Customers 2 -Products 1 -Orders 2 -Confirm:$false", folder);
        Assert.True((long)sample.Single().Properties["Rows"].Value > 0);
    }

    private static void CreateDatabase(string name, string port, string user, string password)
    {
        var start = new ProcessStartInfo("mariadb") { RedirectStandardError = true };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-P", port, "-u", user, "-e", $"CREATE DATABASE {name}" })
            start.ArgumentList.Add(argument);
        start.Environment["MYSQL_PWD"] = password; // never on the command line
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }
}
