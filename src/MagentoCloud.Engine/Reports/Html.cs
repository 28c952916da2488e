using System.Net;

namespace MagentoCloud.Engine.Reports;

/// <summary>Encoding for text from the project's state (titles, descriptions, logs) put into the page.</summary>
public static class Html
{
    /// <summary>Text safe in element content and in double- or single-quoted attributes.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
