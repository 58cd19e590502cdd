using System.Globalization;
using Das.Engine.CrossMatch;
using Das.Engine.Sources;
using Das.Sky.CrossMatch;
using Das.Sky.Parsing;
using Das.Sky.Positions;
using Das.Sources.Catalog;
using Das.Tables.Columns;
using Das.Tables.Csv;
using Das.Tables.Model;
using Das.Tables.VoTable;

namespace Das.Web.Xmatch;

/// <summary>
/// A cross-match form as posted to /api/xmatch, read and checked: the list (an uploaded CSV/VOTable or pasted
/// positions), the catalogues (sources of the catalogue, uploaded tables), radius, find mode, epoch and where.
/// </summary>
public sealed record XmatchForm
{
    /// <summary>Largest list or catalogue upload read, bytes.</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    /// <summary>The list, A.</summary>
    public required Table List { get; init; }

    /// <summary>Sources of the catalogue to match against.</summary>
    public required IReadOnlyList<IDataSource> Sources { get; init; }

    /// <summary>Uploaded catalogues, by file name.</summary>
    public required IReadOnlyList<(string Name, Table Table)> Uploads { get; init; }

    /// <summary>Radius, mode, epochs, where.</summary>
    public required CatalogueMatchRequest Request { get; init; }

    /// <summary>The find mode as given (best, all, best-symmetric).</summary>
    public required string Find { get; init; }

    /// <summary>Reads the form; every problem at once as (parameter, message).</summary>
    public static async Task<(XmatchForm? Form, List<(string Parameter, string Message)> Errors)> ReadAsync(IFormCollection form, SourceCatalog catalog,
        CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        Table? list = null;
        var file = form.Files.GetFile("file");
        string? pasted = form["positions"].FirstOrDefault(p => !string.IsNullOrWhiteSpace(p));
        if (file is not null && pasted is not null)
        {
            errors.Add(("file", "give either a file or pasted positions, not both"));
        }
        else if (file is not null)
        {
            (list, string? problem) = await ReadTableAsync(file, ct);
            if (problem is not null)
            {
                errors.Add(("file", problem));
            }
        }
        else if (pasted is not null)
        {
            list = Pasted(pasted, errors);
        }
        else
        {
            errors.Add(("file", "upload a CSV or VOTable of positions, or paste positions (one per line)"));
        }

        var sources = new List<IDataSource>();
        foreach (var name in form["catalogues"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (name.Length > 100 || name.Any(char.IsControl))
            {
                errors.Add(("catalogues", "a catalogue name is at most 100 printable characters"));
            }
            else if (catalog.Find(name) is { } source)
            {
                if (!sources.Contains(source))
                {
                    sources.Add(source);
                }
            }
            else
            {
                errors.Add(("catalogues", $"'{name}' is not a source of the catalogue (GET /api/sources lists them)"));
            }
        }
        var uploads = new List<(string, Table)>();
        foreach (var upload in form.Files.GetFiles("catalogueFile"))
        {
            var (table, problem) = await ReadTableAsync(upload, ct);
            if (problem is not null)
            {
                errors.Add(("catalogueFile", $"{upload.FileName}: {problem}"));
            }
            else if (PositionColumns.Find(table!) is null)
            {
                errors.Add(("catalogueFile", $"{upload.FileName}: no position columns (UCD pos.eq.ra/pos.eq.dec, or named ra/dec)"));
            }
            else
            {
                uploads.Add((Path.GetFileName(upload.FileName), table!));
            }
        }
        if (sources.Count == 0 && uploads.Count == 0 && !errors.Any(e => e.Item1 is "catalogues" or "catalogueFile"))
        {
            errors.Add(("catalogues", "choose at least one catalogue (a source id, or an uploaded catalogue file)"));
        }

        double radius = 0;
        string? radiusText = form["radius"].FirstOrDefault();
        if (!double.TryParse(radiusText, NumberStyles.Float, CultureInfo.InvariantCulture, out radius) || !(radius > 0 && radius <= 3600))
        {
            errors.Add(("radius", $"radius '{radiusText}' must be a number of arcsec greater than 0 and at most 3600"));
        }
        string find = form["find"].FirstOrDefault() ?? "best";
        var mode = find switch
        {
            "best" => CrossMatchMode.Best,
            "all" => CrossMatchMode.All,
            "best-symmetric" => CrossMatchMode.BestSymmetric,
            _ => (CrossMatchMode?)null,
        };
        if (mode is null)
        {
            errors.Add(("find", $"find '{find}' must be best, all or best-symmetric"));
        }
        string where = form["where"].FirstOrDefault() ?? "auto";
        var place = where switch
        {
            "auto" => MatchPlace.Auto,
            "local" => MatchPlace.Local,
            "remote" => MatchPlace.Remote,
            _ => (MatchPlace?)null,
        };
        if (place is null)
        {
            errors.Add(("where", $"where '{where}' must be auto, local or remote"));
        }
        EpochPropagation? epochs = null;
        if (form["epoch"].FirstOrDefault() is { Length: > 0 } epochText)
        {
            double? target = null;
            if (!string.Equals(epochText, "auto", StringComparison.OrdinalIgnoreCase) && (target = ProperMotion.ParseEpoch(epochText)) is null)
            {
                errors.Add(("epoch", $"epoch '{epochText}' must be an epoch such as J2016.0, 2000.5 or B1950, or auto"));
            }
            epochs = new EpochPropagation { TargetEpoch = target };
        }
        var request = new CatalogueMatchRequest { RadiusArcsec = radius, Mode = mode ?? CrossMatchMode.Best, Place = place ?? MatchPlace.Auto, Epochs = epochs };
        if (list is not null && errors.Count == 0 && CatalogueCrossMatch.Check(list, request) is { } listProblem)
        {
            errors.Add((file is null ? "positions" : "file", listProblem));
        }
        return errors.Count > 0 ? (null, errors) : (new XmatchForm { List = list!, Sources = sources, Uploads = uploads, Request = request, Find = find }, errors);
    }

    private static async Task<(Table? Table, string? Problem)> ReadTableAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length == 0)
        {
            return (null, "the file is empty");
        }
        if (file.Length > MaxUploadBytes)
        {
            return (null, $"the file is larger than {MaxUploadBytes / (1024 * 1024)} MiB");
        }
        var bytes = new MemoryStream((int)file.Length);
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(bytes, ct);
        }
        bytes.Position = 0;
        if (LooksLikeXml(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)))
        {
            var read = await VoTableReader.ReadAsync(bytes, VoTableReaderOptions.Default, ct);
            if (read.Failure is { } failure)
            {
                return (null, failure.Message);
            }
            return read.Document?.AllTables().FirstOrDefault() is { } table ? (table, null) : (null, "the VOTable holds no table");
        }
        var csv = await CsvReader.ReadAsync(bytes, CsvReaderOptions.Default, ct);
        return csv.Failure is { } csvFailure ? (null, csvFailure.Message) : csv.Table is { } t ? (t, null) : (null, "the CSV holds no table");
    }

    private static bool LooksLikeXml(ReadOnlySpan<byte> head)
    {
        foreach (byte b in head[..Math.Min(head.Length, 64)])
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }
            return b == (byte)'<';
        }
        return false;
    }

    // One position per line in any notation das coord reads ("334.02 -7.8988", "22:16:04.8 -07:53:55.7", a
    // designation); blank lines and lines starting with # are skipped. Every bad line is reported.
    private static Table? Pasted(string text, List<(string, string)> errors)
    {
        var lineNo = new ScalarColumn<int>(new Field { Name = "line", DataType = VoDataType.Int, Ucd = "meta.id;meta.main", Description = "Line of the pasted list" });
        var input = new StringColumn(new Field { Name = "input", DataType = VoDataType.UnicodeChar, ArraySize = ArraySize.Variable, Description = "The line as pasted" });
        var ra = new ScalarColumn<double>(new Field { Name = "ra", DataType = VoDataType.Double, Unit = "deg", Ucd = "pos.eq.ra;meta.main" });
        var dec = new ScalarColumn<double>(new Field { Name = "dec", DataType = VoDataType.Double, Unit = "deg", Ucd = "pos.eq.dec;meta.main" });
        var lines = text.Split('\n');
        if (lines.Length > 100_000)
        {
            errors.Add(("positions", "paste at most 100 000 lines; upload a file for longer lists"));
            return null;
        }
        int bad = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var parsed = PositionParser.Parse(line.Replace(',', ' '));
            if (!parsed.TryGetPosition(out var position))
            {
                if (++bad <= 10)
                {
                    errors.Add(("positions", string.Create(CultureInfo.InvariantCulture, $"line {i + 1}: {parsed.Error!.FieldName} at character {parsed.Error.Index + 1}: {parsed.Error.Reason}")));
                }
                continue;
            }
            lineNo.Append(i + 1);
            input.Append(line);
            ra.Append(position.Ra);
            dec.Append(position.Dec);
        }
        if (bad > 10)
        {
            errors.Add(("positions", string.Create(CultureInfo.InvariantCulture, $"{bad - 10} more lines cannot be read")));
        }
        if (lineNo.Count == 0 && bad == 0)
        {
            errors.Add(("positions", "no position in the pasted text"));
        }
        return new Table([lineNo, input, ra, dec]) { Name = "list" };
    }
}
