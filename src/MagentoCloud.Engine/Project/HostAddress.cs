using System.Globalization;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// A host of the topology: <c>user@host[:port]</c>, an IPv6 address in brackets
/// (<c>deploy@[::1]:22</c>). The user may be left out (the SSH default applies); the port defaults to 22.
/// </summary>
public sealed record HostAddress(string? User, string Host, int Port = 22)
{
    public const int DefaultPort = 22;

    public static bool TryParse(string? text, out HostAddress? address, out string? problem)
    {
        address = null;
        problem = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) { problem = "the host is empty"; return false; }

        string? user = null;
        var rest = text;
        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            user = text[..at];
            rest = text[(at + 1)..];
            if (user.Length == 0) { problem = "the user before '@' is empty"; return false; }
        }

        string host;
        string? portText = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0) { problem = "an IPv6 address opened with '[' is not closed with ']'"; return false; }
            host = rest[1..close];
            var after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':') { problem = $"unexpected '{after}' after the IPv6 address"; return false; }
                portText = after[1..];
            }
            if (!host.Contains(':')) { problem = $"'{host}' in brackets is not an IPv6 address"; return false; }
        }
        else
        {
            var colons = rest.Count(c => c == ':');
            if (colons > 1) { problem = "an IPv6 address must be written in brackets, e.g. deploy@[::1]:22"; return false; }
            var colon = rest.IndexOf(':');
            host = colon < 0 ? rest : rest[..colon];
            if (colon >= 0) portText = rest[(colon + 1)..];
            if (host.Any(c => char.IsWhiteSpace(c) || c is '/' or '[' or ']'))
            {
                problem = $"'{host}' is not a host name or address";
                return false;
            }
        }
        if (host.Length == 0) { problem = "the host name is empty"; return false; }

        var port = DefaultPort;
        if (portText is not null &&
            (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            problem = $"the port '{portText}' is not a number from 1 to 65535";
            return false;
        }
        address = new HostAddress(user, host, port);
        return true;
    }

    public static HostAddress Parse(string text) =>
        TryParse(text, out var address, out var problem)
            ? address!
            : throw new CloudException(CloudErrorId.InvalidArgument,
                $"'{text}' is not a host: {problem}. Write it as user@host, user@host:port or user@[ipv6]:port.", text);

    public override string ToString()
    {
        var host = Host.Contains(':') ? $"[{Host}]" : Host;
        var user = User is null ? "" : User + "@";
        return Port == DefaultPort ? $"{user}{host}" : $"{user}{host}:{Port}";
    }
}
