using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace MagentoCloud.Loader;

/// <summary>
/// A private load context for the engine and its libraries (LibGit2Sharp, YamlDotNet, SSH.NET, ...),
/// so that another module's copy of the same library, already loaded by PowerShell, never wins.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _directory;

    public DependencyLoadContext(string directory) : base("MagentoCloud.Dependencies", isCollectible: false)
    {
        _directory = directory;
    }

    public string Directory => _directory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(_directory, assemblyName.Name + ".dll");
        // Anything not shipped in Dependencies/ (the framework, PowerShell itself) comes from the default context.
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var candidate in NativeCandidates(unmanagedDllName))
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
                return handle;
        }
        return IntPtr.Zero;
    }

    private IEnumerable<string> NativeCandidates(string name)
    {
        var fileNames = new List<string> { name };
        if (OperatingSystem.IsWindows()) fileNames.Add(name + ".dll");
        else if (OperatingSystem.IsMacOS()) { fileNames.Add("lib" + name + ".dylib"); fileNames.Add(name + ".dylib"); }
        else { fileNames.Add("lib" + name + ".so"); fileNames.Add(name + ".so"); }

        var native = Path.Combine(_directory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        var portable = Path.Combine(_directory, "runtimes", PortableRid(), "native");
        foreach (var dir in new[] { native, portable, _directory })
            foreach (var file in fileNames)
                yield return Path.Combine(dir, file);
    }

    private static string PortableRid()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        return $"{os}-{arch}";
    }
}
