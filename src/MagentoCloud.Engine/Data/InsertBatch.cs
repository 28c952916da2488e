using System.Globalization;
using System.Text;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Rows for one table, gathered into multi-row INSERT statements of about a megabyte and handed to the
/// <see cref="InsertPipe"/>. Values are appended typed (no boxing): the generator writes millions.
/// </summary>
internal sealed class InsertBatch
{
    private const int FlushAt = 1 << 20;
    private readonly InsertPipe _pipe;
    private readonly string _head;
    private readonly string _table;
    private readonly int _columns;
    private int _values;
    private StringBuilder _sql = new(FlushAt + 64 * 1024);
    private int _rows;
    private bool _firstValue;

    public InsertBatch(InsertPipe pipe, string table, params string[] columns)
    {
        _pipe = pipe;
        _table = table;
        _columns = columns.Length;
        _head = $"INSERT INTO `{table}` (`{string.Join("`,`", columns)}`) VALUES ";
    }

    public InsertBatch Begin()
    {
        _sql.Append(_rows == 0 ? _head : ",").Append('(');
        _firstValue = true;
        _values = 0;
        return this;
    }

    public InsertBatch Int(long value) => Raw(value.ToString(CultureInfo.InvariantCulture));

    public InsertBatch Dec(decimal value) => Raw(value.ToString("0.0000", CultureInfo.InvariantCulture));

    public InsertBatch Null() => Raw("NULL");

    public InsertBatch IntOrNull(long? value) => value is null ? Null() : Int(value.Value);

    public InsertBatch DecOrNull(decimal? value) => value is null ? Null() : Dec(value.Value);

    public InsertBatch DateOrNull(DateTime? value) => value is null ? Null() : Date(value.Value);

    /// <summary>Magento's region_id: NULL where the country has no region list.</summary>
    public InsertBatch RegionId(int regionId) => regionId == 0 ? Null() : Int(regionId);

    public InsertBatch Str(string? value)
    {
        if (value is null) return Null();
        Separator();
        _sql.Append('\'');
        foreach (var c in value)
        {
            if (c == '\'' || c == '\\') _sql.Append('\\');
            _sql.Append(c);
        }
        _sql.Append('\'');
        return this;
    }

    public InsertBatch Time(DateTime value) =>
        Raw("'" + value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "'");

    public InsertBatch Time(DateTime? value) => value is null ? Null() : Time(value.Value);

    public InsertBatch Date(DateTime value) =>
        Raw("'" + value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'");

    /// <summary>Closes the row; a full batch goes to the server while the caller makes the next rows.</summary>
    public ValueTask EndAsync(CancellationToken cancellationToken)
    {
        // A value too many or too few would shift every later column: refuse it here, naming the table.
        if (_values != _columns)
            throw new InvalidOperationException($"A row for {_table} has {_values} values for {_columns} columns.");
        _sql.Append(')');
        _rows++;
        return _sql.Length >= FlushAt ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_rows == 0) return ValueTask.CompletedTask;
        var full = _sql;
        var rows = _rows;
        _sql = new StringBuilder(FlushAt + 64 * 1024);
        _rows = 0;
        return _pipe.SendAsync(full, rows, cancellationToken);
    }

    private InsertBatch Raw(string literal)
    {
        Separator();
        _sql.Append(literal);
        return this;
    }

    private void Separator()
    {
        if (!_firstValue) _sql.Append(',');
        _firstValue = false;
        _values++;
    }
}
