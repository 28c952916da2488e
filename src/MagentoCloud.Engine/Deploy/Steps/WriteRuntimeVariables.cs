using System.Text;
using System.Text.RegularExpressions;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Writes the environment's runtime variables into the release (<c>.magento/runtime.env</c>, mode 600),
/// sent over stdin: values such as database passwords never appear on a command line.
/// </summary>
public sealed partial class WriteRuntimeVariables : IDeployStep
{
    public string Name => nameof(WriteRuntimeVariables);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        await Task.WhenAll(context.Hosts.Select(host =>
        {
            var text = Render(context, host);
            return host.WritePrivateFileAsync($"{DeployHost.Release(context.ReleaseId)}/{DeployHost.RuntimeFile}", text, cancellationToken);
        })).ConfigureAwait(false);
        context.Write($"Runtime variables written ({context.RuntimeVariables.Count + 2} variables; values not logged).");
    }

    internal static string Render(DeployContext context, DeployHost host)
    {
        var variables = new Dictionary<string, string>(context.RuntimeVariables, StringComparer.Ordinal)
        {
            ["MAGENTO_CLOUD_APP_DIR"] = $"{host.Root}/{DeployHost.Release(context.ReleaseId)}",
            ["MAGENTO_CLOUD_TREE_ID"] = context.Slug?.TreeId ?? "",
            ["MAGENTO_CLOUD_RELEASE"] = context.ReleaseId,
        };
        if (context.App is { } app && !variables.ContainsKey("MAGENTO_CLOUD_APPLICATION"))
            variables["MAGENTO_CLOUD_APPLICATION"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(app.Json.ToJsonString()));
        if (context.App is { } named && !variables.ContainsKey("MAGENTO_CLOUD_APPLICATION_NAME"))
            variables["MAGENTO_CLOUD_APPLICATION_NAME"] = named.Name;
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
