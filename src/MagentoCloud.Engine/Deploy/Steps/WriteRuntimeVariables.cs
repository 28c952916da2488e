using System.Text;
using System.Text.RegularExpressions;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Writes the environment's runtime variables, sent over stdin (values such as database passwords
/// never appear on a command line): the environment's own, secrets among them, into
/// <c>runtime.env.next</c> in the root (mode 600), which the switch makes <c>runtime.env</c>; the
/// release's own (its folder, tree, id: no secrets) into the release's <c>.magento/release.env</c>.
/// No release holds a secret, so none keeps one after it changes.
/// </summary>
public sealed partial class WriteRuntimeVariables : IDeployStep
{
    public string Name => nameof(WriteRuntimeVariables);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        await Task.WhenAll(context.Hosts.Select(async host =>
        {
            await host.WritePrivateFileAsync(DeployHost.NextRuntimeFile, Render(context, Environment(context)), cancellationToken).ConfigureAwait(false);
            await host.WritePrivateFileAsync($"{DeployHost.Release(context.ReleaseId)}/{DeployHost.ReleaseFile}", Render(context, Release(context, host)),
                cancellationToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
        context.Write($"Runtime variables written ({context.RuntimeVariables.Count + 2} variables; values not logged).");
    }

    /// <summary>A failed deploy leaves the live release's variables as they were.</summary>
    public async Task UndoAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.ReleaseLive) return;
        foreach (var host in context.Hosts.Where(h => !context.Switched.ContainsKey(h)))
        {
            try
            {
                await host.RunCheckedAsync("Removing the next runtime variables", $"rm -f {DeployHost.NextRuntimeFile}", cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                context.Write($"{host.Name}: could not remove {DeployHost.NextRuntimeFile} ({e.Message}); the next deploy replaces it.");
            }
        }
    }

    /// <summary>Every runtime variable of the environment, but those that belong to one release.</summary>
    internal static Dictionary<string, string> Environment(DeployContext context)
    {
        var variables = new Dictionary<string, string>(context.RuntimeVariables, StringComparer.Ordinal);
        foreach (var name in ReleaseNames) variables.Remove(name);
        return variables;
    }

    /// <summary>What one release says about itself: no secrets.</summary>
    internal static Dictionary<string, string> Release(DeployContext context, DeployHost host)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MAGENTO_CLOUD_APP_DIR"] = $"{host.Root}/{DeployHost.Release(context.ReleaseId)}",
            ["MAGENTO_CLOUD_TREE_ID"] = context.Slug?.TreeId ?? "",
            ["MAGENTO_CLOUD_RELEASE"] = context.ReleaseId,
        };
        if (context.RuntimeVariables.TryGetValue("MAGENTO_CLOUD_APPLICATION", out var given))
            variables["MAGENTO_CLOUD_APPLICATION"] = given;
        else if (context.App is { } app)
            variables["MAGENTO_CLOUD_APPLICATION"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(app.Json.ToJsonString()));
        if (context.RuntimeVariables.TryGetValue("MAGENTO_CLOUD_APPLICATION_NAME", out var name))
            variables["MAGENTO_CLOUD_APPLICATION_NAME"] = name;
        else if (context.App is { } named)
            variables["MAGENTO_CLOUD_APPLICATION_NAME"] = named.Name;
        return variables;
    }

    private static readonly string[] ReleaseNames =
        ["MAGENTO_CLOUD_APP_DIR", "MAGENTO_CLOUD_TREE_ID", "MAGENTO_CLOUD_RELEASE", "MAGENTO_CLOUD_APPLICATION", "MAGENTO_CLOUD_APPLICATION_NAME"];

    internal static string Render(DeployContext context, IReadOnlyDictionary<string, string> variables)
    {
        var text = new StringBuilder("# Written by each deploy. Do not edit: the next deploy replaces it.\n");
        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!ShellName().IsMatch(name))
            {
                context.Write($"Variable '{name}' is not a valid shell variable name; it is left out of the runtime environment.");
                continue;
            }
            text.Append("export ").Append(name).Append('=').Append(ShellQuote.Quote(value)).Append('\n');
        }
        return text.ToString();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ShellName();
}
