using System.Globalization;
using System.Text;

namespace MagentoCloud.Engine.Configuration;

/// <summary>
/// Writes a PHP array file in Magento's layout (short array syntax, 4-space indentation, one element
/// a line, single-quoted strings), or in the layout a file was read with, so that a rewritten file
/// differs only where its settings do: a value read from the file and left unchanged keeps its spelling.
/// </summary>
public static class PhpArrayWriter
{
    private const string Indent = "    ";

    public static string Write(PhpArray root, PhpArrayLayout? layout = null)
    {
        layout ??= PhpArrayLayout.Magento;
        var builder = new StringBuilder(4096);
        builder.Append(layout.Prefix);
        WriteValue(builder, root, 1, layout);
        builder.Append(layout.Suffix);
        return builder.ToString();
    }

    /// <summary>Writes the file atomically: a temporary file beside it, then a rename over it.</summary>
    public static void WriteFile(string path, PhpArray root, PhpArrayLayout? layout = null, UnixFileMode? mode = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                if (mode is { } m && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, m);
                // PhpText: strings that came from bytes in another encoding go back as those bytes.
                var bytes = PhpText.Encode(Write(root, layout));
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>A scalar or key as PHP's var_export writes it.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long n => n.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        double d => Float(d),
        string s => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'",
        _ => throw new ArgumentException($"{value.GetType().Name} is not a PHP scalar.", nameof(value)),
    };

    private static void WriteValue(StringBuilder builder, object? value, int depth, PhpArrayLayout layout)
    {
        if (value is not PhpArray array)
        {
            builder.Append(Literal(value));
            return;
        }
        if (array.Count == 0)
        {
            // Magento's writer leaves a blank line inside an empty array.
            if (layout.CompactEmptyArrays) builder.Append("[]");
            else builder.Append("[\n\n").Append(IndentOf(depth - 1)).Append(']');
            return;
        }
        var omitKeys = !layout.ListKeys && array.IsList;
        builder.Append("[\n");
        var first = true;
        foreach (var (key, item) in array)
        {
            if (!first) builder.Append(",\n");
            first = false;
            builder.Append(IndentOf(depth));
            if (!omitKeys) builder.Append(Literal(key)).Append(" => ");
            // A value the file spelled its own way ("Caf\xE9", 0x1F, TRUE) and nobody changed is written as it was.
            if (item is not PhpArray && array.LiteralOf(key) is { } spelled) builder.Append(spelled);
            else WriteValue(builder, item, depth + 1, layout);
        }
        if (layout.TrailingComma) builder.Append(',');
        builder.Append('\n').Append(IndentOf(depth - 1)).Append(']');
    }

    private static readonly string[] Indents = Enumerable.Range(0, 16).Select(d => string.Concat(Enumerable.Repeat(Indent, d))).ToArray();

    private static string IndentOf(int depth) =>
        depth <= 0 ? "" : depth < Indents.Length ? Indents[depth] : string.Concat(Enumerable.Repeat(Indent, depth));

    /// <summary>PHP's var_export of a float: shortest round-trip digits, always with a decimal point.</summary>
    private static string Float(double d)
    {
        if (double.IsNaN(d)) return "NAN";
        if (double.IsPositiveInfinity(d)) return "INF";
        if (double.IsNegativeInfinity(d)) return "-INF";
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        if (e < 0) return text.Contains('.') ? text : text + ".0";
        var mantissa = text[..e];
        if (!mantissa.Contains('.')) mantissa += ".0";
        var exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
        return mantissa + "E" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
    }
}
