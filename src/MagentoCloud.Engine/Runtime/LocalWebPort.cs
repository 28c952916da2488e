using System.Net;
using System.Net.Sockets;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// The local default's one web port per project, kept in <c>.magento/local/web/port</c>: chosen free
/// the first time, the same afterwards (so its URLs stay the same). The user may edit the file.
/// </summary>
public static class LocalWebPort
{
    public static int For(string webFolder)
    {
        var file = Path.Combine(webFolder, "port");
        if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var kept) && kept is > 0 and < 65536) return kept;
        Directory.CreateDirectory(webFolder);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        File.WriteAllText(file, port + "\n");
        return port;
    }
}
