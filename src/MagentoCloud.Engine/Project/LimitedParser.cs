using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// Passes a parser's events on, counting as they come: the nesting depth, and the nodes the text
/// stands for with each alias counted as the whole node it names. Stops at the first event past a
/// limit, before the representation model recurses deeper or any reader expands the aliases.
/// </summary>
internal sealed class LimitedParser(IParser inner, int maxDepth, long maxNodes) : IParser
{
    // Expanded size of each finished anchored node; an anchor still open is absent (an alias to it would loop).
    private readonly Dictionary<string, long> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<(string? Anchor, long CountAtStart)> _open = new();
    private long _nodes;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var after = inner.Current?.End ?? Mark.Empty;
        try
        {
            if (!inner.MoveNext()) return false;
        }
        catch (Exception e) when (e is not YamlException and not OutOfMemoryException)
        {
            // The scanner throws other exceptions on some broken texts (an unclosed flow list, for one).
            throw new YamlException(after, after, "the text after this place cannot be read; look for an unclosed bracket, brace or quote");
        }
        switch (inner.Current)
        {
            case MappingStart or SequenceStart:
                var start = (NodeEvent)inner.Current;
                if (_open.Count >= maxDepth)
                    throw Limit(start, $"it nests mappings and lists more than {maxDepth} levels deep");
                Count(start, 1);
                _open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, _nodes - 1));
                break;
            case MappingEnd or SequenceEnd:
                var (anchor, countAtStart) = _open.Pop();
                if (anchor is not null) _anchors[anchor] = _nodes - countAtStart;
                break;
            case Scalar scalar:
                Count(scalar, 1);
                if (!scalar.Anchor.IsEmpty) _anchors[scalar.Anchor.Value] = 1;
                break;
            case AnchorAlias alias:
                if (!_anchors.TryGetValue(alias.Value.Value, out var size))
                    throw Limit(alias, _open.Any(o => o.Anchor == alias.Value.Value)
                        ? $"the alias *{alias.Value.Value} is inside the node it names, which would repeat without end"
                        : $"the alias *{alias.Value.Value} names no anchor before it");
                Count(alias, size);
                break;
        }
        return true;
    }

    private void Count(ParsingEvent at, long size)
    {
        _nodes += size;
        if (_nodes > maxNodes)
            throw Limit(at, $"it stands for more than {maxNodes:N0} nodes once its aliases are expanded");
    }

    private static YamlLimitException Limit(ParsingEvent at, string why) => new(at.Start, at.End, why);
}
