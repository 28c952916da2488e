namespace MagentoCloud.Engine.Deploy;

/// <summary>Quoting for POSIX sh: one argument, taken literally.</summary>
internal static class ShellText
{
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
