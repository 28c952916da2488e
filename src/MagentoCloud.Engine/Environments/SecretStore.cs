using System.Text.Json;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Environments;

/// <summary>
/// The sensitive values of a project, encrypted with its <see cref="ProjectKey"/>, in
/// <see cref="ProjectRemote.SecretsRef"/> (a ref without history) rather than in the state's history:
/// the state keeps each sensitive variable's record with an empty value. Updated compare-and-swap,
/// like the state.
/// </summary>
public sealed class SecretStore(ProjectRemote remote)
{
    private const string File = "secrets.json";
    private const int MaxAttempts = 100;

    /// <summary>Where a variable's value is kept: <c>project/&lt;name&gt;</c> or <c>environments/&lt;env&gt;/&lt;name&gt;</c>.</summary>
    public static string KeyOf(string? environment, string name) => environment is null ? $"project/{name}" : $"environments/{environment}/{name}";

    /// <summary>Every stored value (encrypted), by <see cref="KeyOf"/>.</summary>
    public Dictionary<string, string> Read() => Parse(remote.ReadRefFile(ProjectRemote.SecretsRef, File).Text);

    /// <summary>Applies <paramref name="change"/> to the stored values and replaces the ref, compare-and-swap.</summary>
    public async Task UpdateAsync(string message, Action<Dictionary<string, string>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (commit, text) = remote.ReadRefFile(ProjectRemote.SecretsRef, File);
            var values = Parse(text);
            change(values);
            var updated = JsonSerializer.Serialize(new SortedDictionary<string, string>(values, StringComparer.Ordinal), CloudState.Json);
            if (updated == text || (text is null && values.Count == 0)) return; // nothing to keep: no ref either
            if (await remote.TryReplaceRefFileAsync(ProjectRemote.SecretsRef, commit, File, updated, message, cancellationToken).ConfigureAwait(false))
                return;
            await Task.Delay(Random.Shared.Next(1, 10 + 10 * Math.Min(attempt, 10)), cancellationToken).ConfigureAwait(false);
        }
        throw new CloudException(CloudErrorId.StateConflict,
            $"Could not update the sensitive values after {MaxAttempts} attempts: other writers kept changing them. Run the command again.",
            ProjectRemote.SecretsRef);
    }

    private static Dictionary<string, string> Parse(string? text) =>
        text is null ? new(StringComparer.Ordinal) : new(JsonSerializer.Deserialize<Dictionary<string, string>>(text)!, StringComparer.Ordinal);
}
