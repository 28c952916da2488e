namespace MagentoCloud.Engine.Transport;

/// <summary>
/// A Git remote reached over SSH: <c>ssh://user@host[:port]/path</c>, or the scp form
/// <c>user@host:path</c> (a path relative to the login's home).
/// </summary>
public sealed record GitSshUrl(SshHost Host, string Path)
{
    public static bool IsSsh(string url) =>
        url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) ||
        url.StartsWith("git+ssh://", StringComparison.OrdinalIgnoreCase) ||
        IsScpLike(url);

    public static GitSshUrl Parse(string url)
    {
        if (url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("git+ssh://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
            var slash = rest.IndexOf('/');
            if (slash <= 0 || slash == rest.Length - 1) throw Invalid(url, "it names no repository path after the host");
            var path = Uri.UnescapeDataString(rest[slash..]);
            // ssh://host/~/repo.git means a path under the login's home, as git reads it.
            if (path.StartsWith("/~/", StringComparison.Ordinal)) path = path[3..];
            return new GitSshUrl(SshHost.Parse(rest[..slash]), path);
        }
        if (IsScpLike(url))
        {
            var colon = url.IndexOf(':', url.IndexOf('@'));
            var path = url[(colon + 1)..];
            if (path.Length == 0) throw Invalid(url, "it names no repository path after ':'");
            return new GitSshUrl(SshHost.Parse(url[..colon]), path);
        }
        throw Invalid(url, "it is neither ssh://user@host[:port]/path nor user@host:path");
    }

    /// <summary>user@host:path with no '/' before the ':' (a local path like ./a:b is not one).</summary>
    private static bool IsScpLike(string url)
    {
        if (url.Contains("://", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(url)) return false;
        var at = url.IndexOf('@');
        var colon = url.IndexOf(':', Math.Max(at, 0));
        return at > 0 && colon > at && url.IndexOf('/') is var slash && (slash < 0 || slash > colon);
    }

    private static CloudException Invalid(string url, string why) =>
        new(CloudErrorId.InvalidArgument,
            $"'{url}' is not a Git remote over SSH that can be used: {why}. Write it as ssh://user@host[:port]/path/to/repo.git.", url);
}
