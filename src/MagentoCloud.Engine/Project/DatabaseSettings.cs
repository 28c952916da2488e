namespace MagentoCloud.Engine.Project;

/// <summary>
/// Where an environment's database is. The password never lives in the topology file: it is read,
/// when needed, from the environment variable <see cref="PasswordEnvironmentVariable"/> or the file
/// <see cref="PasswordFile"/>.
/// </summary>
public sealed record DatabaseSettings(string Host, int Port, string Name, string User, string? PasswordEnvironmentVariable, string? PasswordFile)
{
    /// <summary>Reads the password from where the topology says it is; null when it names no place.</summary>
    public string? ReadPassword() => PasswordSource.Read(PasswordEnvironmentVariable, PasswordFile, "database");

    public override string ToString() => $"{User}@{Host}:{Port}/{Name}";
}
