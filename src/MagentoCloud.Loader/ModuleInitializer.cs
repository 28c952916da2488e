using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace MagentoCloud.Loader;

/// <summary>
/// The engine assembly is not beside the cmdlets, so the default context asks us for it, and we hand
/// it over from the private context; everything the engine needs then resolves inside that context.
/// This runs as the manifest's nested module, before the cmdlet assembly loads: PowerShell reflects
/// over the cmdlets' types (some name engine types) as soon as it loads them.
/// The hook stays for the life of the process, as loaded assemblies do.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private const string EngineAssemblyName = "MagentoCloud.Engine";
    private static int _registered;

    private static readonly Lazy<DependencyLoadContext> Context = new(() =>
    {
        var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
        return new DependencyLoadContext(Path.Combine(moduleDirectory, "Dependencies"));
    });

    public void OnImport()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == EngineAssemblyName
            ? Context.Value.LoadFromAssemblyName(name)
            : null;
}
