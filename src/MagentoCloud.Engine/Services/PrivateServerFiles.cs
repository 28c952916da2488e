using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace MagentoCloud.Engine.Services;

/// <summary>What the local default's private servers keep on disk (only this user may read it) and the loopback ports they take.</summary>
internal static class PrivateServerFiles
{
    /// <summary>A folder only this user can enter.</summary>
    public static void CreateFolder(string directory)
    {
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Writes a file only this user can read, created so before the text goes in; replaced whole.</summary>
    public static void WriteSecret(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, "");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A JSON file's value; null when it is missing or unreadable.</summary>
    public static T? ReadJson<T>(string path) where T : class
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The port a file holds (the project's web port), or null.</summary>
    public static int? ReadPort(string file) =>
        File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var port) ? port : null;

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A free loopback port, never <paramref name="avoid"/> (the project's web port: chosen and let go before nginx binds it).</summary>
    public static int FreePort(int? avoid = null)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (port != avoid) return port;
        }
    }
}
