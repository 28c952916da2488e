using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace MagentoCloud.PowerShell.Tests.Infrastructure;

/// <summary>
/// A PowerShell runspace with the *built* module imported, as a user gets it after Import-Module.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession()
    {
        var state = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        Invoke("Import-Module -Name $args[0] -ErrorAction Stop", ModuleManifest);
    }

    /// <summary>The module manifest the build laid out (out/MagentoCloud/&lt;version&gt;/MagentoCloud.psd1).</summary>
    public static string ModuleManifest { get; } = FindModuleManifest();

    /// <summary>Runs a script; throws when it writes an error, so a test never passes over one.</summary>
    public Collection<PSObject> Invoke(string script, params object[] arguments)
    {
        var (output, errors) = InvokeWithErrors(script, arguments);
        if (errors.Count > 0)
            throw new InvalidOperationException("The script wrote errors: " + string.Join(Environment.NewLine, errors));
        return output;
    }

    /// <summary>Runs a script and hands back what it wrote to the output and error streams.</summary>
    public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) InvokeWithErrors(string script, params object[] arguments)
    {
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        foreach (var argument in arguments) shell.AddArgument(argument);
        try
        {
            var output = shell.Invoke();
            return (output, shell.Streams.Error.ToList());
        }
        catch (RuntimeException e)
        {
            return ([], [e.ErrorRecord]);
        }
    }

    public void Dispose() => _runspace.Dispose();

    private static string FindModuleManifest()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MC_MODULE_MANIFEST");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var modules = Path.Combine(dir.FullName, "out", "MagentoCloud");
            if (Directory.Exists(modules))
            {
                var manifest = Directory.GetFiles(modules, "MagentoCloud.psd1", SearchOption.AllDirectories).FirstOrDefault();
                if (manifest is not null) return manifest;
            }
        }
        throw new InvalidOperationException("The built module was not found. Run ./build.sh first, or set MC_MODULE_MANIFEST.");
    }
}
