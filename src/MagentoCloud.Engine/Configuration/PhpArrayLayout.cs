namespace MagentoCloud.Engine.Configuration;

/// <summary>
/// How a PHP array file is laid out, so that rewriting a file keeps its style and a diff shows only
/// what changed. <see cref="Magento"/> is exactly what Magento's deployment config writer produces.
/// </summary>
public sealed record PhpArrayLayout
{
    /// <summary>Magento's writer: no comma after the last element, lists without keys,
    /// an empty array as <c>[</c>, a blank line, <c>]</c>.</summary>
    public static readonly PhpArrayLayout Magento = new();

    /// <summary>A comma after every element, the last one too.</summary>
    public bool TrailingComma { get; init; }

    /// <summary>Lists (keys 0..n-1) written with their keys (<c>0 => ...</c>).</summary>
    public bool ListKeys { get; init; }

    /// <summary>Empty arrays written <c>[]</c>.</summary>
    public bool CompactEmptyArrays { get; init; }

    /// <summary>The text before the array (<c>&lt;?php\nreturn </c>), header comments included.</summary>
    public string Prefix { get; init; } = "<?php\nreturn ";

    /// <summary>The text after the array.</summary>
    public string Suffix { get; init; } = ";\n";
}
