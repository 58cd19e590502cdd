using System.Globalization;
using System.Text;
using System.Text.Json;
using Das.Sky.Healpix;

namespace Das.Sky.Moc;

/// <summary>The MOC JSON serialisation: an object whose keys are orders and whose values are arrays of cell indices.</summary>
internal static class MocJson
{
    public static string Write(Moc moc)
    {
        var perOrder = moc.CellsByOrder();
        var sb = new StringBuilder("{");
        for (var o = 0; o < perOrder.Length; o++)
        {
            var cells = perOrder[o];
            if (cells is null && o != moc.MaxOrder)
            {
                continue;
            }

            if (sb.Length > 1)
            {
                sb.Append(',');
            }

            sb.Append(CultureInfo.InvariantCulture, $"\"{o}\":[");
            if (cells is not null)
            {
                for (var i = 0; i < cells.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    sb.Append(cells[i].ToString(CultureInfo.InvariantCulture));
                }
            }

            sb.Append(']');
        }

        return sb.Append('}').ToString();
    }

    public static Moc Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            return Parse(ref reader);
        }
        catch (JsonException e)
        {
            throw new MocFormatException($"Invalid JSON: {e.Message}", reader.TokenStartIndex, e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString on a key that is not valid UTF-8.
            throw new MocFormatException($"Invalid JSON: {e.Message}", reader.TokenStartIndex, e);
        }
    }

    private static Moc Parse(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new MocFormatException("A JSON MOC is an object such as {\"3\":[1,2]}", reader.TokenStartIndex);
        }

        var acc = new RangeAccumulator();
        var maxOrder = -1;
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var keyAt = reader.TokenStartIndex;
            var key = reader.GetString() ?? string.Empty;
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var order) || order > Moc.DeepestOrder)
            {
                throw new MocFormatException($"Key \"{key}\" is not an order between 0 and 29", keyAt);
            }

            maxOrder = Math.Max(maxOrder, order);
            Read(ref reader);
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new MocFormatException($"The value of order {order} must be an array of cell indices", reader.TokenStartIndex);
            }

            var shift = 2 * (Moc.DeepestOrder - order);
            var limit = 12L << (2 * order);
            while (true)
            {
                Read(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var cell) || cell < 0 || cell >= limit)
                {
                    throw new MocFormatException($"Expected a cell index between 0 and {limit - 1} at order {order}", reader.TokenStartIndex);
                }

                acc.Add(cell << shift, (cell + 1) << shift);
            }
        }

        if (reader.Read())
        {
            throw new MocFormatException("Unexpected content after the MOC object", reader.TokenStartIndex);
        }

        if (maxOrder < 0)
        {
            throw new MocFormatException("The JSON MOC names no order; an empty MOC is written as e.g. {\"5\":[]}", 0);
        }

        return Moc.FromNormalisedCells(maxOrder, acc);
    }

    private static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new MocFormatException("The JSON MOC ends too early", reader.BytesConsumed);
        }
    }
}
