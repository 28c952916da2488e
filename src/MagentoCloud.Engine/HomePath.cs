namespace MagentoCloud.Engine;

/// <summary>The user's home folder, and paths written as <c>~/...</c> in project files.</summary>
public static class HomePath
{
    public static string Directory => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary><c>~/x</c> becomes the home folder's <c>x</c>; any other path is returned as it is.</summary>
    public static string Expand(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Directory, path[2..]) : path;
}
