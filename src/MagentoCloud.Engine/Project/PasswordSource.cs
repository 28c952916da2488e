namespace MagentoCloud.Engine.Project;

/// <summary>
/// Where the topology says a password is: an environment variable of this session, or a file
/// outside Git. The topology file itself never holds one.
/// </summary>
public static class PasswordSource
{
    /// <summary>Reads the password; null when neither place is named.</summary>
    public static string? Read(string? environmentVariable, string? file, string what)
    {
        if (environmentVariable is { } variable)
        {
            return Environment.GetEnvironmentVariable(variable)
                ?? throw new CloudException(CloudErrorId.InvalidArgument,
                    $"The {what} password is to come from the environment variable {variable}, which is not set. " +
                    $"Set it in this session (e.g. $env:{variable} = ...) before running the command.", variable);
        }
        if (file is not null)
        {
            var path = HomePath.Expand(file);
            if (!File.Exists(path))
                throw new CloudException(CloudErrorId.InvalidArgument,
                    $"The {what} password file '{path}' does not exist. Create it (readable only by you) or change password_file in .magento/topology.yaml.", path);
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        return null;
    }
}
