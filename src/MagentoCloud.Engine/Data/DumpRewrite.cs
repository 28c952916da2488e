using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// One pass of <see cref="DumpSanitizer"/>: a pull tokenizer over one input buffer. Bytes between
/// <c>_emit</c> and <c>_pos</c> are input not yet written; they are written as they are unless a
/// replacement or a drop takes their place. Whatever must stay whole (a header line, a value to
/// replace) is held from <c>_keep</c>; the buffer is compacted, or grown, only then.
/// </summary>
internal sealed class DumpRewrite : IDisposable
{
    private static readonly SearchValues<byte> StatementStops = SearchValues.Create("'(;"u8);
    private static readonly SearchValues<byte> FieldStops = SearchValues.Create("',)"u8);
    private static readonly SearchValues<byte> StringStops = SearchValues.Create("'\\"u8);
    private static readonly SearchValues<byte> StringStopsAndAt = SearchValues.Create("'\\@"u8);
    private const int OutputSize = 1 << 18;
    private const int MaxHeader = 1 << 20;

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly SanitizeRules _rules;
    private readonly DumpSanitizerOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly KeyedHash _prf;
    private readonly EmailScrubber _emails;
    private readonly bool _beyondRules;
    private readonly byte[] _hash = new byte[KeyedHash.DigestSize];
    private readonly ByteBuilder _literal = new();
    private readonly byte[] _outputBuffer;
    private readonly Dictionary<string, DumpTable> _tables = new(StringComparer.Ordinal);
    private readonly List<DumpTable> _tableOrder = [];

    private byte[] _buffer;
    private ByteBuilder?[] _rowValues = [];
    private readonly List<(SanitizeAction Action, byte[] Value)> _kept = [];
    private int _pos, _end, _emit, _keep = -1, _outputLength;
    private bool _eof, _dropping, _sawAt;
    private long _bytesRead, _bytesWritten;
    private int _definers;
    private int _databaseSwitches;
    private byte[] _delimiter = ";"u8.ToArray();
    private DumpTable? _creating;
    private List<DumpColumn>? _creatingColumns;

    public DumpRewrite(Stream input, Stream output, SanitizeRules rules, byte[] key, DumpSanitizerOptions options, CancellationToken cancellationToken)
    {
        _input = input;
        _output = output;
        _rules = rules;
        _options = options;
        _cancellationToken = cancellationToken;
        _prf = new KeyedHash(key);
        _emails = new EmailScrubber(_prf);
        _beyondRules = !ReferenceEquals(rules, SanitizeRules.None);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(options.BufferSize, 64));
        _outputBuffer = ArrayPool<byte>.Shared.Rent(OutputSize);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SanitizeReport Run()
    {
        while (true)
        {
            // A line start: hold it until it is known whether an INSERT starts here.
            _keep = _pos;
            while (_end - _keep < 24 && _buffer.AsSpan(_keep, _end - _keep).IndexOf((byte)'\n') < 0)
            {
                _pos = _end;
                if (!Fill()) break;
            }
            _pos = _keep;
            if (_pos == _end) break;
            if (_creating is null && _delimiter is [(byte)';'] && IsInsert(_buffer.AsSpan(_pos, _end - _pos)))
                Insert();
            else
                Line();
        }
        _keep = -1;
        Emit(_emit, _end);
        _emit = _end;
        FlushOutput();
        _output.Flush();
        return new SanitizeReport
        {
            BytesRead = _bytesRead,
            BytesWritten = _bytesWritten,
            DefinersRewritten = _definers,
            DatabaseStatementsDropped = _databaseSwitches,
            Tables = _tableOrder.Select(t => new SanitizedTable
            {
                Table = t.Name,
                Rows = t.Rows,
                Truncated = t.Drop,
                Ruled = t.Rule is not null,
                SanitizedColumns = t.Drop ? [] : t.SanitizedColumns.ToList(),
                SanitizedValues = t.SanitizedValues,
            }).ToList(),
            Findings = _tableOrder.Where(t => !t.Drop).SelectMany(t =>
                t.Guessed.Select(g => new SanitizeFinding(t.Name, g.Key, SanitizeFindingReason.NameLooksPersonal, g.Value))
                    .Concat(t.EmailColumns.Select(e => new SanitizeFinding(t.Name, e.Key, SanitizeFindingReason.HeldEmailAddresses, SanitizeAction.Email) { Values = e.Value }))
                    .Concat(t.MaybePersonal.Select(c => new SanitizeFinding(t.Name, c, SanitizeFindingReason.NameMayBePersonal, SanitizeAction.Keep))))
                .ToList(),
        };
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_outputBuffer);
    }

    // ---- lines other than INSERTs: structure, DELIMITER, DEFINERs -------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Line()
    {
        _keep = _pos;
        while (true)
        {
            var newline = _buffer.AsSpan(_pos, _end - _pos).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _pos += newline + 1;
                break;
            }
            _pos = _end;
            if (!Fill()) break;
        }
        var start = _keep;
        _keep = -1;
        var line = _buffer.AsSpan(start, _pos - start);

        if (_creating is not null)
        {
            if (line.StartsWith("  `"u8)) _creatingColumns!.Add(ColumnDefinition(line));
            else if (line.StartsWith(")"u8))
            {
                _creating.Columns = _creatingColumns;
                _creating = null;
                _creatingColumns = null;
            }
            return;
        }
        if (_delimiter is [(byte)';'] && line.StartsWith("CREATE TABLE "u8))
        {
            var rest = line["CREATE TABLE "u8.Length..];
            // IF NOT EXISTS (a parallel export's part declaring a table again before its rows) keeps the rows counted so far.
            var again = rest.StartsWith("IF NOT EXISTS "u8);
            if (again) rest = rest["IF NOT EXISTS "u8.Length..];
            if (Identifier(rest, out var name, out _) == Parse.Done)
            {
                _options.TableStarted?.Invoke(name, _tableOrder.Sum(t => t.Rows));
                _creating = Table(name, replace: !again);
                _creatingColumns = [];
            }
            return;
        }
        if (line.StartsWith("DELIMITER "u8))
        {
            _delimiter = line["DELIMITER "u8.Length..].Trim(" \t\r\n"u8).ToArray();
            return;
        }
        if (_options.StayInTargetDatabase && SwitchesDatabase(line))
        {
            // A dump made with --databases names its database; it must land where the import points it.
            Replace(start, _pos, ReadOnlySpan<byte>.Empty);
            _databaseSwitches++;
            return;
        }
        if (_options.RewriteDefiners) RewriteDefiners(start, _pos);
    }

    private static bool SwitchesDatabase(ReadOnlySpan<byte> line) =>
        line.StartsWith("USE "u8) || line.StartsWith("CREATE DATABASE "u8) || line.StartsWith("/*!40000 DROP DATABASE "u8)
        || line.StartsWith("DROP DATABASE "u8);

    private static DumpColumn ColumnDefinition(ReadOnlySpan<byte> line)
    {
        Identifier(line[2..], out var name, out var length);
        var rest = line[(2 + length)..].TrimStart((byte)' ');
        var typeEnd = rest.IndexOfAny((byte)' ', (byte)',', (byte)'\r');
        var type = Encoding.UTF8.GetString(typeEnd < 0 ? rest.TrimEnd("\r\n"u8) : rest[..typeEnd]);
        var notNull = rest.IndexOf(" NOT NULL"u8);
        var comment = rest.IndexOf(" COMMENT '"u8);
        return new DumpColumn(name, DumpColumn.KindOf(type), Nullable: !(notNull >= 0 && (comment < 0 || notNull < comment)));
    }

    /// <summary>DEFINER=`user`@`host` (also 'user'@'host', user@host) becomes DEFINER=CURRENT_USER.</summary>
    private void RewriteDefiners(int start, int end)
    {
        var from = start;
        while (true)
        {
            var found = _buffer.AsSpan(from, end - from).IndexOf("DEFINER"u8);
            if (found < 0) return;
            var at = from + found + 7;
            from = at;
            while (at < end && _buffer[at] == ' ') at++;
            if (at >= end || _buffer[at] != '=') continue;
            at++;
            while (at < end && _buffer[at] == ' ') at++;
            var spec = at;
            if (_buffer.AsSpan(spec, end - spec).StartsWith("CURRENT_USER"u8)) continue;
            var user = SkipAccountPart(spec, end);
            if (user < 0 || user >= end || _buffer[user] != '@') continue;
            var host = SkipAccountPart(user + 1, end);
            if (host < 0) continue;
            Replace(spec, host, "CURRENT_USER"u8);
            _definers++;
            from = host;
        }
    }

    private int SkipAccountPart(int at, int end)
    {
        if (at >= end) return -1;
        var quote = _buffer[at];
        if (quote is (byte)'`' or (byte)'\'' or (byte)'"')
        {
            for (var i = at + 1; i < end; i++)
            {
                if (_buffer[i] != quote) continue;
                if (i + 1 < end && _buffer[i + 1] == quote) i++;
                else return i + 1;
            }
            return -1;
        }
        var j = at;
        while (j < end && (char.IsAsciiLetterOrDigit((char)_buffer[j]) || _buffer[j] is (byte)'_' or (byte)'.' or (byte)'-' or (byte)'%' or (byte)'$')) j++;
        return j > at ? j : -1;
    }

    // ---- INSERT statements ----------------------------------------------------------------------

    private static bool IsInsert(ReadOnlySpan<byte> s) =>
        s.StartsWith("INSERT INTO "u8) || s.StartsWith("INSERT IGNORE INTO "u8) || s.StartsWith("REPLACE INTO "u8);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Insert()
    {
        var startedAt = _bytesRead - (_end - _pos);
        _keep = _pos;
        string name;
        List<string>? columns;
        int headerLength;
        while (true)
        {
            var parse = Header(_buffer.AsSpan(_keep, _end - _keep), out name, out columns, out headerLength);
            if (parse == Parse.Done) break;
            if (parse == Parse.NeedMore && _end - _keep < MaxHeader)
            {
                _pos = _end;
                if (Fill()) continue;
            }
            // Not an INSERT this tokenizer understands: it passes through as a line.
            _pos = _keep;
            Line();
            return;
        }
        var statement = _keep;
        _keep = -1;
        _pos = statement + headerLength;

        var table = Table(name, replace: false);
        if (!table.RowsSeen)
        {
            table.RowsSeen = true;
            _options.RowsStarted?.Invoke(name);
        }
        if (table.Drop)
        {
            Emit(_emit, statement);
            _emit = _pos;
            _dropping = true;
            table.Rows += PassValues();
            // The statement's line ending goes with it.
            if (_pos < _end || Fill())
                if (_buffer[_pos] == '\n') _pos++;
            _emit = _pos;
            _dropping = false;
            return;
        }
        var plan = columns is null ? table.Plan() : table.ReadsRows ? table.Plan(columns) : null;
        var rowsBefore = table.Rows;
        if (plan is null) table.Rows += PassValues();
        else SanitizeValues(table, plan);
        _options.RowsPassed?.Invoke(name, table.Rows - rowsBefore, _bytesRead - (_end - _pos) - startedAt);
    }

    /// <summary>Scans an INSERT's values to its closing semicolon, counting rows, changing nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: skip the tiers, whose first ones run this loop slowly
    private long PassValues()
    {
        long rows = 0;
        while (true)
        {
            if (_pos == _end && !Fill()) throw Incomplete();
            var span = _buffer.AsSpan(_pos, _end - _pos);
            var stop = span.IndexOfAny(StatementStops);
            if (stop < 0)
            {
                _pos = _end;
                continue;
            }
            var b = span[stop];
            _pos += stop + 1;
            if (b == '(') rows++;
            else if (b == '\'') SkipString();
            else return rows;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SanitizeValues(DumpTable table, DumpTable.ColumnPlan plan)
    {
        while (true)
        {
            // Between rows: ',' (or whitespace) until the next '(' or the closing ';'.
            if (_pos == _end && !Fill()) throw Incomplete();
            var c = _buffer[_pos++];
            if (c == ';') return;
            if (c != '(') continue;

            var firstRow = table.Rows == 0 && plan.FirstRowRules is not null;
            var rules = firstRow ? plan.FirstRowRules! : plan.Rules;
            var conditions = firstRow ? plan.FirstRowConditions : plan.Conditions;
            var keeps = firstRow ? plan.FirstRowKeeps : null;
            var watched = plan.Watched;
            var searched = plan.Searched;
            var last = firstRow ? Math.Max(rules.Length - 1, plan.LastRuleColumn) : plan.LastRuleColumn;
            for (var column = 0; ; column++)
            {
                if (column > last)
                {
                    // No rule further right: to the row's end without stopping at every comma.
                    SkipRowRest();
                    break;
                }
                var rule = column < rules.Length ? rules[column] : null;
                var read = watched is not null && column < watched.Length && watched[column]
                           || keeps is not null && column < keeps.Length && keeps[column] is not null;
                var search = searched is not null && column < searched.Length && searched[column];
                if (rule is not null || read || search) _keep = _pos;
                _sawAt = false;
                var delimiter = SkipField(search ? StringStopsAndAt : StringStops);
                if (rule is not null || read || search)
                {
                    var start = _keep;
                    _keep = -1;
                    if (read) Read(column, start, _pos - 1, keeps);
                    if (rule is not null && Holds(conditions?[column])
                        && ReplaceValue(start, _pos - 1, rule, plan.Columns[column])) table.SanitizedValues++;
                    else if (search && (_sawAt || IsHex(start, _pos - 1))) ReplaceEmails(table, plan.Columns[column].Name, start, _pos - 1);
                }
                if (delimiter == ')') break;
            }
            table.Rows++;
        }
    }

    /// <summary>Skips the rest of a row, up to and past its closing ')'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipRowRest()
    {
        while (true)
        {
            if (_pos == _end && !Fill()) throw Incomplete();
            var span = _buffer.AsSpan(_pos, _end - _pos);
            var stop = span.IndexOfAny((byte)'\'', (byte)')');
            if (stop < 0)
            {
                _pos = _end;
                continue;
            }
            var b = span[stop];
            _pos += stop + 1;
            if (b == '\'') SkipString();
            else return;
        }
    }

    /// <summary>
    /// Skips one value up to and past its ',' or ')'; returns which of the two it was. Strings are skipped up to
    /// <paramref name="stringStops"/>: with '@' among them, <c>_sawAt</c> says whether the value holds one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private byte SkipField(SearchValues<byte> stringStops)
    {
        // Most values are a few bytes long: a plain loop finds their end sooner than a vector search starts.
        var end = Math.Min(_end, _pos + 16);
        for (var i = _pos; i < end; i++)
        {
            var c = _buffer[i];
            if (c is (byte)',' or (byte)')')
            {
                _pos = i + 1;
                return c;
            }
            if (c == '\'')
            {
                _pos = i + 1;
                SkipString(stringStops);
                return SkipField(stringStops);
            }
        }
        while (true)
        {
            if (_pos == _end && !Fill()) throw Incomplete();
            var span = _buffer.AsSpan(_pos, _end - _pos);
            var stop = span.IndexOfAny(FieldStops);
            if (stop < 0)
            {
                _pos = _end;
                continue;
            }
            var b = span[stop];
            _pos += stop + 1;
            if (b == '\'') SkipString(stringStops);
            else return b;
        }
    }

    /// <summary>Skips a quoted string's body and its closing quote: backslash escapes and doubled quotes.</summary>
    private void SkipString() => SkipString(StringStops);

    /// <summary>The same, noting in <c>_sawAt</c> an '@' when <paramref name="stops"/> holds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipString(SearchValues<byte> stops)
    {
        while (true)
        {
            if (_pos == _end && !Fill()) throw Incomplete();
            var span = _buffer.AsSpan(_pos, _end - _pos);
            var stop = span.IndexOfAny(stops);
            if (stop < 0)
            {
                _pos = _end;
                continue;
            }
            var b = span[stop];
            _pos += stop + 1;
            if (b == '@')
            {
                _sawAt = true;
                continue;
            }
            if (_pos == _end && !Fill()) throw Incomplete();
            if (b == '\\') _pos++;
            else if (_buffer[_pos] == '\'') _pos++;
            else return;
        }
    }

    /// <summary>
    /// Holds the literal of a column that a condition reads, for the rest of the row; in the first row, remembers
    /// the value a first-row keep spares from an action.
    /// </summary>
    private void Read(int column, int start, int end, SanitizeAction?[]? keeps)
    {
        var literal = _buffer.AsSpan(start, end - start).Trim(" \t\r\n"u8);
        if (column >= _rowValues.Length) Array.Resize(ref _rowValues, column + 1);
        var held = _rowValues[column] ??= new ByteBuilder();
        held.Clear();
        held.Append(literal);
        if (keeps is not null && column < keeps.Length && keeps[column] is { } action && Value(literal) is { IsEmpty: false } value)
            _kept.Add((action, value.ToArray()));
    }

    /// <summary>True when this row holds every value the conditions name (no conditions: every row).</summary>
    private bool Holds(DumpTable.RowCondition[]? conditions)
    {
        if (conditions is null) return true;
        foreach (var condition in conditions)
        {
            var literal = condition.Column < _rowValues.Length && _rowValues[condition.Column] is { } held ? held.Span : default;
            if (!literal.SequenceEqual(condition.Quoted) && !literal.SequenceEqual(condition.Bare)) return false;
        }
        return true;
    }

    /// <summary>A literal's value: the bytes inside its quotes (after a charset introducer); empty for NULL and ''.</summary>
    private static ReadOnlySpan<byte> Value(ReadOnlySpan<byte> literal)
    {
        if (literal.IsEmpty || literal.SequenceEqual("NULL"u8)) return [];
        if (literal[0] == '_')
        {
            // A charset introducer (_binary '...', _utf8mb4 '...').
            var quote = literal.IndexOf((byte)'\'');
            if (quote > 0) literal = literal[quote..];
        }
        return literal[0] == '\'' ? literal[1..^1] : literal;
    }

    /// <summary>True when a first row kept this value from this action (see <see cref="DumpTable.ColumnPlan.FirstRowKeeps"/>).</summary>
    private bool Kept(SanitizeAction action, ReadOnlySpan<byte> value)
    {
        foreach (var (keptAction, kept) in _kept)
            if (keptAction == action && (action == SanitizeAction.Email ? Ascii.EqualsIgnoreCase(kept, value) : value.SequenceEqual(kept)))
                return true;
        return false;
    }

    /// <summary>Replaces the value literal in [start, end) by the rule's; NULL and '' stay. True when replaced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReplaceValue(int start, int end, SanitizeRule rule, DumpColumn column)
    {
        var value = Value(_buffer.AsSpan(start, end - start).Trim(" \t\r\n"u8));
        if (value.IsEmpty) return false;
        if (_kept.Count > 0 && Kept(rule.Action, value)) return false;

        if (rule.Action is not (SanitizeAction.Null or SanitizeAction.Empty or SanitizeAction.Fixed or SanitizeAction.Hash))
        {
            if (rule.Action == SanitizeAction.Email) _emails.Hash(value, _hash);
            else _prf.Compute(value, _hash);
        }
        _literal.Clear();
        FakeValues.Write(rule, column, _hash, _literal);
        Replace(start, end, _literal.Span);
        return true;
    }

    /// <summary>A 0x literal (mysqldump --hex-blob): its '@' bytes are not visible to the string search.</summary>
    private bool IsHex(int start, int end)
    {
        var literal = _buffer.AsSpan(start, end - start).Trim(" \t\r\n"u8);
        return literal.Length > 2 && literal[0] == '0' && literal[1] is (byte)'x' or (byte)'X';
    }

    /// <summary>Replaces the email addresses inside the value literal in [start, end), if it holds any.</summary>
    private void ReplaceEmails(DumpTable table, string column, int start, int end)
    {
        var literal = _buffer.AsSpan(start, end - start);
        var trimmed = literal.Trim(" \t\r\n"u8);
        _literal.Clear();
        var replaced = _emails.Rewrite(trimmed, _literal);
        if (replaced == 0) return;
        var offset = literal.Length - literal.TrimStart(" \t\r\n"u8).Length;
        Replace(start + offset, start + offset + trimmed.Length, _literal.Span);
        table.EmailColumns[column] = table.EmailColumns.GetValueOrDefault(column) + replaced;
    }

    private enum Parse { Done, NeedMore, No }

    /// <summary>INSERT [IGNORE] INTO `t` [(`a`,`b`)] VALUES — up to and including VALUES.</summary>
    private static Parse Header(ReadOnlySpan<byte> s, out string name, out List<string>? columns, out int length)
    {
        name = "";
        columns = null;
        length = 0;
        var at = s.StartsWith("INSERT INTO "u8) ? 12 : s.StartsWith("INSERT IGNORE INTO "u8) ? 19 : s.StartsWith("REPLACE INTO "u8) ? 13 : -1;
        if (at < 0) return Parse.No;
        var parse = Identifier(s[at..], out name, out var used);
        if (parse != Parse.Done) return parse;
        at += used;
        while (at < s.Length && s[at] == ' ') at++;
        if (at >= s.Length) return Parse.NeedMore;
        if (s[at] == '(')
        {
            columns = [];
            at++;
            while (true)
            {
                while (at < s.Length && s[at] is (byte)' ' or (byte)',') at++;
                if (at >= s.Length) return Parse.NeedMore;
                if (s[at] == ')')
                {
                    at++;
                    break;
                }
                parse = Identifier(s[at..], out var column, out used);
                if (parse != Parse.Done) return parse;
                columns.Add(column);
                at += used;
            }
            while (at < s.Length && s[at] == ' ') at++;
        }
        if (s.Length - at < 6) return Parse.NeedMore;
        if (!Ascii.EqualsIgnoreCase(s.Slice(at, 6), "VALUES"u8)) return Parse.No;
        length = at + 6;
        return Parse.Done;
    }

    /// <summary>A `quoted` (doubled backticks inside) or bare identifier at the start of <paramref name="s"/>.</summary>
    private static Parse Identifier(ReadOnlySpan<byte> s, out string name, out int length)
    {
        name = "";
        length = 0;
        if (s.IsEmpty) return Parse.NeedMore;
        if (s[0] == '`')
        {
            var text = new List<byte>();
            for (var i = 1; i < s.Length; i++)
            {
                if (s[i] != '`')
                {
                    text.Add(s[i]);
                    continue;
                }
                if (i + 1 >= s.Length) return Parse.NeedMore;
                if (s[i + 1] == '`')
                {
                    text.Add((byte)'`');
                    i++;
                    continue;
                }
                name = Encoding.UTF8.GetString(text.ToArray());
                length = i + 1;
                return Parse.Done;
            }
            return Parse.NeedMore;
        }
        var end = s.IndexOfAny(" (,)\n"u8);
        if (end < 0) return Parse.NeedMore;
        if (end == 0) return Parse.No;
        name = Encoding.UTF8.GetString(s[..end]);
        length = end;
        return Parse.Done;
    }

    private DumpTable Table(string name, bool replace)
    {
        if (!replace && _tables.TryGetValue(name, out var known)) return known;
        var ruleName = _options.TablePrefix.Length > 0 && name.StartsWith(_options.TablePrefix, StringComparison.Ordinal)
            ? name[_options.TablePrefix.Length..]
            : name;
        var rule = _rules.For(ruleName);
        var table = new DumpTable(name, rule, drop: rule?.Truncate == true || _options.StructureOnlyTables.Contains(name), ruleName, _beyondRules);
        if (_tables.TryGetValue(name, out var previous)) _tableOrder.Remove(previous);
        _tables[name] = table;
        _tableOrder.Add(table);
        return table;
    }

    // ---- buffer and output ----------------------------------------------------------------------

    /// <summary>
    /// Reads more input after the bytes held from <c>_keep</c> (or from <c>_pos</c> when nothing is
    /// held); what lies before is written out (or dropped) first. False at the end of the input.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Fill()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (_eof) return false;
        var keep = _keep >= 0 ? _keep : _pos;
        if (!_dropping) Emit(_emit, keep);
        _emit = keep;
        if (keep > 0)
        {
            var held = _end - keep;
            if (held > 0) Buffer.BlockCopy(_buffer, keep, _buffer, 0, held);
            _pos -= keep;
            _end -= keep;
            _emit = 0;
            if (_keep >= 0) _keep -= keep;
        }
        PooledBytes.GrowIfFull(ref _buffer, _end);
        var read = _input.Read(_buffer, _end, _buffer.Length - _end);
        if (read <= 0)
        {
            _eof = true;
            return false;
        }
        _end += read;
        _bytesRead += read;
        return true;
    }

    /// <summary>Writes out the input up to <paramref name="start"/>, then <paramref name="replacement"/> in place of [start, end).</summary>
    private void Replace(int start, int end, ReadOnlySpan<byte> replacement)
    {
        Emit(_emit, start);
        Write(replacement);
        _emit = end;
    }

    private void Emit(int from, int to)
    {
        if (to > from) Write(_buffer.AsSpan(from, to - from));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Write(ReadOnlySpan<byte> bytes)
    {
        if (_outputLength + bytes.Length > OutputSize)
        {
            FlushOutput();
            if (bytes.Length >= OutputSize / 2)
            {
                _output.Write(bytes);
                _bytesWritten += bytes.Length;
                return;
            }
        }
        bytes.CopyTo(_outputBuffer.AsSpan(_outputLength));
        _outputLength += bytes.Length;
    }

    private void FlushOutput()
    {
        if (_outputLength == 0) return;
        _output.Write(_outputBuffer, 0, _outputLength);
        _bytesWritten += _outputLength;
        _outputLength = 0;
    }

    private CloudException Incomplete() => new(
        CloudErrorId.DumpIncomplete,
        $"The dump ended inside an INSERT statement after {_bytesRead} bytes: the dump was cut off at its source " +
        "(a dropped connection or a failed mysqldump). Nothing of the unfinished statement was written; run the copy again.",
        target: "dump");
}
