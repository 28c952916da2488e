using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace MagentoCloud.PowerShell.Loading;

/// <summary>
/// The engine assembly is not beside the cmdlets, so the default context asks us for it, and we hand
/// it over from the private context; everything the engine needs then resolves inside that context.
/// The hook is registered when this assembly is first touched (before PowerShell reflects over the
/// cmdlets' parameter types), not in OnImport, which comes too late for that.
/// It stays registered for the life of the process, as the assembly does.
/// </summary>
internal static class ModuleInitializer
{
    private const string EngineAssemblyName = "MagentoCloud.Engine";

    private static readonly Lazy<DependencyLoadContext> Context = new(() =>
    {
        var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
        return new DependencyLoadContext(Path.Combine(moduleDirectory, "Dependencies"));
    });

#pragma warning disable CA2255 // a module initializer is exactly what is needed here
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => AssemblyLoadContext.Default.Resolving += ResolveEngine;

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == EngineAssemblyName
            ? Context.Value.LoadFromAssemblyName(name)
            : null;
}
