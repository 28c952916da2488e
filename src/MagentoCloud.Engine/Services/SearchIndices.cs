using System.Net;
using System.Text.Json;

namespace MagentoCloud.Engine.Services;

/// <summary>
/// An environment's indices on a topology's OpenSearch/Elasticsearch server: Magento names each
/// <c>&lt;prefix&gt;_&lt;indexer&gt;_&lt;store&gt;[_v&lt;n&gt;]</c> after the endpoint's <c>query.index</c> prefix.
/// </summary>
public static class SearchIndices
{
    /// <summary>
    /// The indices of <paramref name="prefix"/> among <paramref name="indices"/>: those named <c>prefix_…</c>, less
    /// those of another environment whose longer prefix also starts so (prefix <c>shop</c> never takes <c>shop_b_…</c>
    /// when <c>shop_b</c> is another environment's).
    /// </summary>
    public static IReadOnlyList<string> Owned(IEnumerable<string> indices, string prefix, IEnumerable<string> otherPrefixes)
    {
        var others = otherPrefixes.Where(p => p.Length > prefix.Length).Select(p => p + "_").ToList();
        return indices.Where(i => i.StartsWith(prefix + "_", StringComparison.Ordinal) && !others.Any(o => i.StartsWith(o, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Deletes the prefix's indices (by name: servers may refuse wildcard deletes); the names deleted.</summary>
    public static async Task<IReadOnlyList<string>> DeleteAsync(ServiceAdminClient client, string prefix, IEnumerable<string> otherPrefixes,
        CancellationToken cancellationToken)
    {
        var (status, body) = await client.SendAsync(HttpMethod.Get,
            $"/_cat/indices/{Uri.EscapeDataString(prefix)}_*?format=json&h=index&expand_wildcards=all", cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.NotFound) return [];
        if (status != HttpStatusCode.OK) throw client.Refused($"list indices '{prefix}_*'", status, body);
        var listed = JsonDocument.Parse(body).RootElement.EnumerateArray()
            .Select(e => e.GetProperty("index").GetString()).OfType<string>();
        var owned = Owned(listed, prefix, otherPrefixes);
        if (owned.Count == 0) return owned;
        (status, body) = await client.SendAsync(HttpMethod.Delete, "/" + string.Join(',', owned.Select(Uri.EscapeDataString)), cancellationToken)
            .ConfigureAwait(false);
        if (status != HttpStatusCode.OK) throw client.Refused($"delete indices {string.Join(", ", owned)}", status, body);
        return owned;
    }
}
