using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Sources.Redshifts;

/// <summary>Fills a <see cref="RedshiftTable"/> one measurement at a time.</summary>
internal sealed class RedshiftRows
{
    private readonly Table _table;

    public RedshiftRows(string? description = null) => _table = RedshiftTable.Empty(description);

    public int Count => _table.RowCount;

    /// <summary>One measurement. Text is trimmed; empty text and NaN become nulls.</summary>
    public void Add(double separationArcsec, double z, double zErr, RedshiftKind kind, string? objectName, double ra, double dec,
        RedshiftCatalogue catalogue, string? zColumn, string? quality, string? reference)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var c = _table.Columns;
        Number(c[0], separationArcsec);
        Number(c[1], z);
        Number(c[2], zErr);
        Text(c[3], RedshiftTable.KindText(kind));
        Text(c[4], objectName);
        Number(c[5], ra);
        Number(c[6], dec);
        Text(c[7], catalogue.Id);
        Text(c[8], catalogue.Description);
        Text(c[9], zColumn);
        Text(c[10], quality);
        Text(c[11], reference);
        Text(c[12], catalogue.SourceId);
        Text(c[13], catalogue.Provenance);
    }

    /// <summary>The table; <paramref name="truncation"/> marks it incomplete.</summary>
    public Table Build(Truncation? truncation = null)
    {
        _table.Truncation = truncation;
        return _table;
    }

    private static void Number(Column column, double value)
    {
        var numbers = (ScalarColumn<double>)column;
        if (double.IsFinite(value))
        {
            numbers.Append(value);
        }
        else
        {
            numbers.AppendNull();
        }
    }

    private static void Text(Column column, string? value)
    {
        var text = (StringColumn)column;
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            text.AppendNull();
        }
        else
        {
            text.Append(trimmed);
        }
    }
}
