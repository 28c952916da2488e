using System.Net;
using System.Net.Sockets;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// A host as written in .magento/topology.yaml: <c>user@host[:port]</c>, IPv6 in brackets
/// (<c>deploy@[2001:db8::5]:2222</c>). User defaults to the current user, port to 22.
/// </summary>
public sealed record SshHost(string User, string HostName, int Port = 22)
{
    public static SshHost Parse(string spec, string? defaultUser = null)
    {
        if (string.IsNullOrWhiteSpace(spec))
            throw Invalid(spec ?? "", "it is empty");
        var text = spec.Trim();
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw Invalid(spec, "it contains whitespace");

        string user;
        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            user = text[..at];
            text = text[(at + 1)..];
            if (user.Length == 0) throw Invalid(spec, "the user before '@' is empty");
            if (user.Any(c => c is '@' or ':' or '/' or '[' or ']'))
                throw Invalid(spec, $"the user '{user}' contains a character that is not allowed");
        }
        else user = defaultUser ?? System.Environment.UserName;

        string host;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0) throw Invalid(spec, "the '[' of an IPv6 address is not closed");
            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':') throw Invalid(spec, $"'{rest}' follows the address; expected ':port'");
                portText = rest[1..];
            }
            if (!IPAddress.TryParse(host, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
                throw Invalid(spec, $"'{host}' in brackets is not an IPv6 address");
        }
        else if (text.Count(c => c == ':') > 1)
        {
            // A bare IPv6 address is ambiguous ("::1:22": port 22, or part of the address?): brackets are required.
            throw Invalid(spec, "it has several ':'; write an IPv6 address in brackets, like [2001:db8::5]:22");
        }
        else
        {
            var colon = text.IndexOf(':');
            host = colon >= 0 ? text[..colon] : text;
            if (colon >= 0) portText = text[(colon + 1)..];
            if (host.Length == 0) throw Invalid(spec, "the host name is empty");
            if (!host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_') || host.StartsWith('-'))
                throw Invalid(spec, $"'{host}' is not a valid host name or IPv4 address");
        }

        var port = 22;
        if (portText is not null && (!int.TryParse(portText, System.Globalization.NumberStyles.None, null, out port) || port is < 1 or > 65535))
            throw Invalid(spec, $"the port '{portText}' is not a number from 1 to 65535");
        return new SshHost(user, host, port);
    }

    public static bool TryParse(string spec, out SshHost? host) => TryParse(spec, out host, out _);

    /// <summary>Parses, or says what is wrong with the text (for validation findings).</summary>
    public static bool TryParse(string? spec, out SshHost? host, out string? problem)
    {
        try { host = Parse(spec ?? ""); problem = null; return true; }
        catch (CloudException e) { host = null; problem = e.Message; return false; }
    }

    private bool IsIPv6 => HostName.Contains(':');

    /// <summary>The name known_hosts files use: <c>host</c> on port 22, else <c>[host]:port</c>.</summary>
    public string KnownHostsName => Port == 22 ? HostName : $"[{HostName}]:{Port}";

    public override string ToString() => $"{User}@{(IsIPv6 ? $"[{HostName}]" : HostName)}:{Port}";

    private static CloudException Invalid(string spec, string why) =>
        new(CloudErrorId.InvalidArgument,
            $"'{spec}' is not a valid SSH host: {why}. Write it as user@host, user@host:port or user@[ipv6]:port.", spec);
}
