using Das.Tables.Columns;

namespace Das.Tables.Writers.VoTable;

/// <summary>Writes DATA/TABLEDATA: one TR per row, one TD per cell, nulls as empty TDs (or element nulls for fixed arrays).</summary>
internal static class TableDataEncoder
{
    public static async Task WriteAsync(XmlMarkup xml, IReadOnlyList<VoColumnPlan> plans, int rows, CancellationToken cancellationToken)
    {
        var o = xml.Output;
        xml.Open("DATA"u8);
        xml.OpenDone();
        xml.Open("TABLEDATA"u8);
        xml.OpenDone();
        for (int row = 0; row < rows; row++)
        {
            o.Write("\n<TR>"u8);
            for (int c = 0; c < plans.Count; c++)
            {
                WriteCell(o, plans[c], row); // an indexed loop: foreach over IReadOnlyList boxes an enumerator per row
            }
            o.Write("</TR>"u8);
            await o.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }
        o.Write((byte)'\n');
        xml.Close("TABLEDATA"u8);
        xml.Close("DATA"u8);
    }

    private static void WriteCell(OutputBuffer o, VoColumnPlan plan, int row)
    {
        var column = plan.Column;
        if (column.IsNull(row))
        {
            if (plan.TableDataNull.Length == 0)
            {
                o.Write("<TD/>"u8);
                return;
            }
            o.Write("<TD>"u8);
            o.Write(plan.TableDataNull);
            o.Write("</TD>"u8);
            return;
        }
        o.Write("<TD>"u8);
        if (plan.Kind == CellKind.Text)
        {
            XmlText.Write(o, ((StringColumn)column).GetChars(row), attribute: false);
        }
        else
        {
            TextCells.Write(o, column, plan.Kind, row, TextStyle.VoTable, plan.Kind.IsArray() && !plan.IsVariable ? plan.FixedCount : -1,
                plan.Step, plan.PadElement);
        }
        o.Write("</TD>"u8);
    }
}
