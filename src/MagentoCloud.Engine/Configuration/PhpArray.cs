using System.Collections;
using System.Globalization;

namespace MagentoCloud.Engine.Configuration;

/// <summary>
/// A PHP array as Magento's config.php and env.php hold it: an ordered map whose keys are integers
/// (long) or strings, and whose values are null, bool, long, double, string or another PhpArray.
/// Keys follow PHP: a string that reads as a canonical integer ("7", "-3", not "07") is that integer.
/// </summary>
public sealed class PhpArray : IEnumerable<KeyValuePair<object, object?>>
{
    private readonly List<object> _keys = [];
    private readonly Dictionary<object, object?> _values = [];
    // A scalar's spelling in the file it was read from ("Caf\xE9", 0x1F, TRUE), kept while its value stays.
    private Dictionary<object, string>? _literals;
    private long _nextIndex;

    public int Count => _keys.Count;

    public IEnumerable<object> Keys => _keys;

    /// <summary>True when the keys are exactly 0..Count-1 in order: Magento then writes no keys.</summary>
    public bool IsList
    {
        get
        {
            for (var i = 0; i < _keys.Count; i++)
                if (_keys[i] is not long n || n != i) return false;
            return true;
        }
    }

    public object? this[object key]
    {
        get => _values.TryGetValue(NormalizeKey(key), out var value) ? value : null;
        set => Set(key, value);
    }

    public void Set(object key, object? value)
    {
        key = NormalizeKey(key);
        value = CheckValue(value);
        if (!_values.TryGetValue(key, out var old))
        {
            _keys.Add(key);
            if (key is long n && n >= _nextIndex) _nextIndex = n + 1;
        }
        else if (_literals is not null && (value is PhpArray || !Equals(old, value)))
        {
            _literals.Remove(key);
        }
        _values[key] = value;
    }

    /// <summary>Records how the file spelled a scalar, so that writing it back while it is unchanged keeps the spelling.</summary>
    internal void SetLiteral(object key, string literal) => (_literals ??= [])[NormalizeKey(key)] = literal;

    /// <summary>The file's spelling of the scalar under <paramref name="key"/>, while its value is the one read.</summary>
    internal string? LiteralOf(object key) => _literals is not null && _literals.TryGetValue(key, out var literal) ? literal : null;

    /// <summary>Appends with the next integer key, as <c>$a[] = $value</c> does.</summary>
    public void Add(object? value) => Set(_nextIndex, value);

    public bool ContainsKey(object key) => _values.ContainsKey(NormalizeKey(key));

    public bool TryGetValue(object key, out object? value) => _values.TryGetValue(NormalizeKey(key), out value);

    public bool Remove(object key)
    {
        key = NormalizeKey(key);
        if (!_values.Remove(key)) return false;
        _keys.Remove(key);
        _literals?.Remove(key);
        return true;
    }

    /// <summary>The nested array under <paramref name="key"/>, made (or replacing a scalar) when missing.</summary>
    public PhpArray GetOrAddArray(object key)
    {
        if (TryGetValue(key, out var value) && value is PhpArray array) return array;
        array = new PhpArray();
        Set(key, array);
        return array;
    }

    /// <summary>The value at a slash-separated path (<c>system/default/web/secure/base_url</c>), or null.</summary>
    public object? GetPath(string path)
    {
        object? current = this;
        foreach (var part in path.Split('/'))
        {
            if (current is not PhpArray array || !array.TryGetValue(part, out current)) return null;
        }
        return current;
    }

    /// <summary>Sets the value at a slash-separated path, making the arrays on the way.</summary>
    public void SetPath(string path, object? value)
    {
        var parts = path.Split('/');
        var array = this;
        for (var i = 0; i < parts.Length - 1; i++) array = array.GetOrAddArray(parts[i]);
        array.Set(parts[^1], value);
    }

    public PhpArray Clone()
    {
        var copy = new PhpArray();
        foreach (var key in _keys)
        {
            var value = _values[key];
            copy.Set(key, value is PhpArray nested ? nested.Clone() : value);
        }
        copy._nextIndex = _nextIndex;
        if (_literals is not null) copy._literals = new Dictionary<object, string>(_literals);
        return copy;
    }

    public IEnumerator<KeyValuePair<object, object?>> GetEnumerator()
    {
        foreach (var key in _keys) yield return new KeyValuePair<object, object?>(key, _values[key]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>PHP's key rules: integers stay, canonical integer strings become integers, bools 0/1.</summary>
    public static object NormalizeKey(object key) => key switch
    {
        long => key,
        int i => (long)i,
        bool b => b ? 1L : 0L,
        string s when IsCanonicalInteger(s) => long.Parse(s, CultureInfo.InvariantCulture),
        string => key,
        _ => throw new ArgumentException($"A PHP array key is an integer or a string, not {key.GetType().Name}.", nameof(key)),
    };

    /// <summary>Deep equality of two PHP values (arrays compare keys, order and values).</summary>
    public static bool ValuesEqual(object? a, object? b)
    {
        if (a is PhpArray x && b is PhpArray y)
        {
            if (x.Count != y.Count) return false;
            using var ex = x.GetEnumerator();
            using var ey = y.GetEnumerator();
            while (ex.MoveNext() && ey.MoveNext())
            {
                if (!Equals(ex.Current.Key, ey.Current.Key) || !ValuesEqual(ex.Current.Value, ey.Current.Value)) return false;
            }
            return true;
        }
        return Equals(a, b);
    }

    /// <summary>A scalar as the text Magento stores in core_config_data (bools as 1/0, null stays null).</summary>
    public static string? ScalarText(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "1" : "0",
        long n => n.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        PhpArray => throw new ArgumentException("An array is not a scalar.", nameof(value)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static bool IsCanonicalInteger(string s)
    {
        if (s.Length == 0 || s.Length > 20) return false;
        var start = s[0] == '-' ? 1 : 0;
        if (start == s.Length) return false;
        if (s[start] == '0' && (s.Length > start + 1 || start == 1)) return false; // "07" and "-0" stay strings
        for (var i = start; i < s.Length; i++)
            if (s[i] is < '0' or > '9') return false;
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    }

    private static object? CheckValue(object? value) => value switch
    {
        null or bool or long or double or string or PhpArray => value,
        int i => (long)i,
        float f => (double)f,
        decimal m => (double)m,
        _ => throw new ArgumentException($"A PHP array holds null, bool, integer, float, string or array values, not {value.GetType().Name}.", nameof(value)),
    };
}
