using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace MagentoCloud.PowerShell;

/// <summary>
/// The module's table views, loaded into a runspace by its first cmdlet call rather than at import:
/// reading a format file is most of what Import-Module would cost (bench ModuleImport), and only
/// this module's own output, which no one has before calling a cmdlet, needs the views.
/// </summary>
internal static class FormatData
{
    public const string FileName = "MagentoCloud.Format.ps1xml";

    private static readonly ConditionalWeakTable<Runspace, object> Loaded = new();
    private static readonly object Marker = new();

    public static void EnsureLoaded(PSCmdlet cmdlet)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace is null || !Loaded.TryAdd(runspace, Marker)) return;
        var file = Path.Combine(Path.GetDirectoryName(typeof(FormatData).Assembly.Location)!, FileName);
        try
        {
            cmdlet.InvokeCommand.InvokeScript("Microsoft.PowerShell.Utility\\Update-FormatData -AppendPath $args[0]",
                false, PipelineResultTypes.None, null, file);
        }
        catch (RuntimeException e)
        {
            // A session that forbids Update-FormatData still runs the cmdlets, with PowerShell's default views.
            cmdlet.WriteVerbose($"The table views were not loaded: {e.Message}");
        }
    }
}
