using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Infrastructure;

/// <summary>
/// The real services of one test run (three loopback sshd, one MariaDB), started by
/// tests/infra/start.sh. Read from MC_TEST_* variables, or from the services.env file named by
/// MC_TEST_SERVICES_ENV. Missing both is a failure, never a skip.
/// </summary>
public sealed class TestServices
{
    public TestServices()
    {
        var values = Read();
        string Get(string name) => values.TryGetValue(name, out var v) && v.Length > 0
            ? v
            : throw new InvalidOperationException($"{name} is missing from the test services description.");

        SshHosts = Get("MC_TEST_SSH_HOSTS").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        SshPort = int.Parse(Get("MC_TEST_SSH_PORT"));
        SshUser = Get("MC_TEST_SSH_USER");
        SshKey = Get("MC_TEST_SSH_KEY");
        KnownHosts = Get("MC_TEST_SSH_KNOWN_HOSTS");
        HostRoots = Get("MC_TEST_HOST_ROOTS").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        DbHost = Get("MC_TEST_DB_HOST");
        DbPort = int.Parse(Get("MC_TEST_DB_PORT"));
        DbSocket = Get("MC_TEST_DB_SOCKET");
        DbUser = Get("MC_TEST_DB_USER");
        DbPassword = Get("MC_TEST_DB_PASSWORD");
        if (SshHosts.Count != HostRoots.Count)
            throw new InvalidOperationException("MC_TEST_SSH_HOSTS and MC_TEST_HOST_ROOTS differ in length.");
    }

    public IReadOnlyList<string> SshHosts { get; }
    public int SshPort { get; }
    public string SshUser { get; }
    public string SshKey { get; }
    public string KnownHosts { get; }
    public IReadOnlyList<string> HostRoots { get; }
    public string DbHost { get; }
    public int DbPort { get; }
    public string DbSocket { get; }
    public string DbUser { get; }
    public string DbPassword { get; }

    public SshHost Host(int index) => new(SshUser, SshHosts[index], SshPort);

    public SshConnectionInfo Connection(int index = 0, string? knownHosts = null, bool acceptNew = false) =>
        new(Host(index)) { PrivateKeyPaths = [SshKey], KnownHostsPath = knownHosts ?? KnownHosts, AcceptNewHostKey = acceptNew };

    public string MySqlConnectionString =>
        $"Server={DbHost};Port={DbPort};User ID={DbUser};Password={DbPassword};SslMode=None;AllowPublicKeyRetrieval=true";

    private static Dictionary<string, string> Read()
    {
        var values = new Dictionary<string, string>();
        foreach (var name in Names)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } v) values[name] = v;
        }
        if (values.Count == Names.Length) return values;

        var file = System.Environment.GetEnvironmentVariable("MC_TEST_SERVICES_ENV");
        if (string.IsNullOrEmpty(file))
            throw new InvalidOperationException(
                "The test services are not described: neither the MC_TEST_* variables nor MC_TEST_SERVICES_ENV are set. " +
                "Start them with `bash tests/infra/start.sh /tmp/svc && source /tmp/svc/services.env` " +
                "(or export MC_TEST_SERVICES_ENV=/tmp/svc/services.env), then run the tests again.");
        if (!File.Exists(file))
            throw new InvalidOperationException($"MC_TEST_SERVICES_ENV names {file}, which does not exist. Run tests/infra/start.sh first.");
        foreach (var line in File.ReadAllLines(file))
        {
            var text = line.Trim();
            if (text.StartsWith("export ")) text = text["export ".Length..];
            var eq = text.IndexOf('=');
            if (text.StartsWith('#') || eq <= 0) continue;
            values[text[..eq]] = Unquote(text[(eq + 1)..]);
        }
        return values;
    }

    // start.sh writes 'single-quoted' values, with ' as '\''.
    private static string Unquote(string value)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\'')
            {
                var end = value.IndexOf('\'', i + 1);
                sb.Append(value, i + 1, end - i - 1);
                i = end;
            }
            else if (value[i] == '\\' && i + 1 < value.Length) sb.Append(value[++i]);
            else sb.Append(value[i]);
        }
        return sb.ToString();
    }

    private static readonly string[] Names =
    [
        "MC_TEST_SSH_HOSTS", "MC_TEST_SSH_PORT", "MC_TEST_SSH_USER", "MC_TEST_SSH_KEY", "MC_TEST_SSH_KNOWN_HOSTS",
        "MC_TEST_HOST_ROOTS", "MC_TEST_DB_HOST", "MC_TEST_DB_PORT", "MC_TEST_DB_SOCKET", "MC_TEST_DB_USER", "MC_TEST_DB_PASSWORD",
    ];
}
