namespace MagentoCloud.Engine.Project;

/// <summary>
/// Where an environment's database is. The password never lives in the topology file: it is read,
/// when needed, from the environment variable <see cref="PasswordEnvironmentVariable"/> or the file
/// <see cref="PasswordFile"/>.
/// </summary>
public sealed record DatabaseSettings(string Host, int Port, string Name, string User, string? PasswordEnvironmentVariable, string? PasswordFile)
{
    /// <summary>Reads the password from where the topology says it is; null when it names no place.</summary>
    public string? ReadPassword()
    {
        if (PasswordEnvironmentVariable is { } variable)
        {
            return Environment.GetEnvironmentVariable(variable)
                ?? throw new CloudException(CloudErrorId.InvalidArgument,
                    $"The database password is to come from the environment variable {variable}, which is not set. " +
                    $"Set it in this session (e.g. $env:{variable} = ...) before running the command.", variable);
        }
        if (PasswordFile is { } file)
        {
            var path = HomePath.Expand(file);
            if (!System.IO.File.Exists(path))
                throw new CloudException(CloudErrorId.InvalidArgument,
                    $"The database password file '{path}' does not exist. Create it (readable only by you) or change password_file in .magento/topology.yaml.", path);
            return System.IO.File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        return null;
    }

    public override string ToString() => $"{User}@{Host}:{Port}/{Name}";
}
