using System.Buffers.Binary;
using Das.Sky.Healpix;

namespace Das.Sky.Moc;

/// <summary>
/// FITS MOCs (MOC 2.0 §4.3.1; MOC 1.0/1.1 read too): a binary table extension with one NUNIQ column, big-endian
/// 32-bit ('J') or 64-bit ('K') integers.
/// </summary>
internal static class MocFits
{
    public static byte[] Write(Moc moc)
    {
        var cells = moc.ToCells();
        var wide = moc.MaxOrder > 13;
        var width = wide ? 8 : 4;

        var primary = new FitsHeader();
        primary.AddLogical("SIMPLE", true, "conforms to FITS standard");
        primary.AddInteger("BITPIX", 8);
        primary.AddInteger("NAXIS", 0);
        primary.AddLogical("EXTEND", true);

        var table = new FitsHeader();
        table.AddString("XTENSION", "BINTABLE", "binary table extension");
        table.AddInteger("BITPIX", 8);
        table.AddInteger("NAXIS", 2);
        table.AddInteger("NAXIS1", width, "bytes per row");
        table.AddInteger("NAXIS2", cells.Count, "number of cells");
        table.AddInteger("PCOUNT", 0);
        table.AddInteger("GCOUNT", 1);
        table.AddInteger("TFIELDS", 1);
        table.AddString("TTYPE1", "UNIQ", "HEALPix NUNIQ cell number");
        table.AddString("TFORM1", wide ? "1K" : "1J");
        table.AddString("MOCVERS", "2.0", "MOC version");
        table.AddString("MOCDIM", "SPACE", "space MOC");
        table.AddString("ORDERING", "NUNIQ");
        table.AddString("COORDSYS", "C", "ICRS");
        table.AddInteger("MOCORD_S", moc.MaxOrder, "MOC resolution (max order)");
        table.AddInteger("MOCORDER", moc.MaxOrder, "MOC 1.x name of MOCORD_S");
        table.AddString("PIXTYPE", "HEALPIX");
        table.AddString("MOCTOOL", "Das");

        var head = primary.ToBytes();
        var tableHead = table.ToBytes();
        var dataSize = (long)cells.Count * width;
        var paddedData = (dataSize + FitsHeader.BlockSize - 1) / FitsHeader.BlockSize * FitsHeader.BlockSize;
        var result = new byte[head.Length + tableHead.Length + paddedData];
        head.CopyTo(result, 0);
        tableHead.CopyTo(result, head.Length);
        var span = result.AsSpan(head.Length + tableHead.Length);
        for (var i = 0; i < cells.Count; i++)
        {
            if (wide)
            {
                BinaryPrimitives.WriteInt64BigEndian(span[(i * 8)..], cells[i].Uniq);
            }
            else
            {
                BinaryPrimitives.WriteInt32BigEndian(span[(i * 4)..], (int)cells[i].Uniq);
            }
        }

        return result;
    }

    public static Moc Read(ReadOnlySpan<byte> file)
    {
        long offset = 0;
        var primary = FitsHeader.Read(file, ref offset);
        if (primary.FirstKeyword != "SIMPLE" || primary.GetString("SIMPLE") != "T")
        {
            throw new MocFormatException("Not a FITS file: it does not start with SIMPLE = T", 0);
        }

        offset += primary.PaddedDataSize();
        while (true)
        {
            if (offset >= file.Length)
            {
                throw new MocFormatException("The FITS file has no BINTABLE extension holding a MOC", Math.Min(offset, file.Length));
            }

            var header = FitsHeader.Read(file, ref offset);
            if (header.GetString("XTENSION") == "BINTABLE")
            {
                return ReadTable(file, header, offset);
            }

            offset += header.PaddedDataSize();
        }
    }

    private static Moc ReadTable(ReadOnlySpan<byte> file, FitsHeader header, long dataStart)
    {
        var dim = header.GetString("MOCDIM");
        if (dim is not null && !dim.Equals("SPACE", StringComparison.OrdinalIgnoreCase))
        {
            throw new MocFormatException($"MOCDIM = '{dim}': only space MOCs are supported", header.PositionOf("MOCDIM"));
        }

        var ordering = header.GetString("ORDERING");
        if (ordering is not null && !ordering.Equals("NUNIQ", StringComparison.OrdinalIgnoreCase))
        {
            throw new MocFormatException($"ORDERING = '{ordering}': only NUNIQ space MOCs are supported", header.PositionOf("ORDERING"));
        }

        var coordsys = header.GetString("COORDSYS");
        if (coordsys is not null && coordsys != "C")
        {
            throw new MocFormatException($"COORDSYS = '{coordsys}': space MOCs are in ICRS ('C')", header.PositionOf("COORDSYS"));
        }

        var rowWidth = header.RequireInteger("NAXIS1");
        var rows = header.RequireInteger("NAXIS2");
        var form = header.GetString("TFORM1") ?? throw new MocFormatException("The MOC table lacks TFORM1", header.Position);
        var width = form.TrimStart('1') switch
        {
            "K" => 8,
            "J" => 4,
            _ => throw new MocFormatException($"TFORM1 = '{form}': NUNIQ must be 'J' (32-bit) or 'K' (64-bit)", header.PositionOf("TFORM1")),
        };
        if (rowWidth < width || rows < 0)
        {
            throw new MocFormatException($"NAXIS1 = {rowWidth} is too small for TFORM1 = '{form}'", header.PositionOf("NAXIS1"));
        }

        var declaredOrder = header.GetInteger("MOCORD_S") ?? header.GetInteger("MOCORDER");
        if (declaredOrder is < 0 or > Moc.DeepestOrder)
        {
            throw new MocFormatException($"The MOC order {declaredOrder} is not between 0 and 29", header.PositionOf(header.GetInteger("MOCORD_S") is null ? "MOCORDER" : "MOCORD_S"));
        }

        if (rows > (file.Length - dataStart) / rowWidth)
        {
            throw new MocFormatException($"The FITS data is truncated: {rows} rows of {rowWidth} bytes do not fit", file.Length);
        }

        var acc = new RangeAccumulator();
        var deepest = 0;
        for (long r = 0; r < rows; r++)
        {
            var at = dataStart + (r * rowWidth);
            var row = file.Slice((int)at, width);
            var uniq = width == 8 ? BinaryPrimitives.ReadInt64BigEndian(row) : BinaryPrimitives.ReadInt32BigEndian(row);
            if (uniq < 4)
            {
                throw new MocFormatException($"Row {r + 1}: {uniq} is not a NUNIQ number", at);
            }

            var order = ((63 - (int)long.LeadingZeroCount(uniq)) / 2) - 1;
            if (order > Moc.DeepestOrder || (declaredOrder is { } m && order > m))
            {
                throw new MocFormatException($"Row {r + 1}: NUNIQ {uniq} has order {order}, deeper than the MOC order {declaredOrder ?? Moc.DeepestOrder}", at);
            }

            var index = uniq - (1L << ((2 * order) + 2));
            if (index >= 12L << (2 * order))
            {
                throw new MocFormatException($"Row {r + 1}: NUNIQ {uniq} is not a valid cell", at);
            }

            deepest = Math.Max(deepest, order);
            var shift = 2 * (Moc.DeepestOrder - order);
            acc.Add(index << shift, (index + 1) << shift);
        }

        return Moc.FromNormalisedCells((int?)declaredOrder ?? deepest, acc);
    }
}
