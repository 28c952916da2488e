namespace MagentoCloud.Engine.Project;

/// <summary>
/// The rule for both sides of a mount, the folder in the application and the folder under the
/// environment's shared files: a relative path that stays where it is put. The deploy removes the
/// first and links it to the second, so <c>../../x</c> or <c>/x</c> on either side would remove or
/// expose a folder outside the environment.
/// </summary>
public static class MountPath
{
    /// <summary>Why <paramref name="path"/> is refused as a side of a mount, or null.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "it is empty";
        if (path.StartsWith('/') || path.StartsWith('\\') || path.StartsWith('~') || (path.Length > 1 && path[1] == ':'))
            return "it is absolute";
        if (path.Contains('\0')) return "it contains NUL";
        var parts = path.Split('/', '\\');
        if (parts.Contains("..")) return "it climbs out with '..'";
        if (parts.Contains(".")) return "it has a '.' component";
        return null;
    }
}
