namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// What a release id may be: ours look like <c>20250101-120000-000-abc1234</c>. Ids come back from
/// hosts (releases.json, the <c>current</c> link) and from users (Undo-CloudDeploy -Release), so
/// each is checked before it names a folder: letters, digits, '-', '_' and '.', no "..".
/// </summary>
public static class ReleaseId
{
    public const int MaxLength = 100;

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && char.IsAsciiLetterOrDigit(id[0]) && !id.Contains("..", StringComparison.Ordinal)
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Refuses a release id given by a user that no release could have.</summary>
    public static string Require(string id, string environment)
    {
        if (IsValid(id)) return id;
        throw new CloudException(CloudErrorId.InvalidArgument,
            $"'{id}' is not a release id: ids hold only letters, digits, '-', '_' and '.'. " +
            $"List the releases of {environment} with Get-CloudRelease -Environment {environment}.", id);
    }
}
