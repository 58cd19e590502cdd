using System.Globalization;
using System.Runtime.CompilerServices;
using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Engine.Queries;
using Das.Engine.Sources;
using Das.Sky.CrossMatch;
using Das.Sky.Positions;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.Writers.VoTable;

namespace Das.Engine.CrossMatch;

/// <summary>
/// Cross-matches a list of positions (table A) against catalogues of the source catalogue, all at once, and yields
/// each catalogue's result the moment it is known. Per catalogue, Das either fetches the cone around the list and
/// matches here ("local"), or uploads the list and lets the archive join it to its table ("remote", TAP sources
/// with a table); either way the final pairs are chosen here, so both give the same answer as matching two files.
/// </summary>
/// <remarks>
/// Auto picks local when the list is compact (its extent plus the radius within
/// <see cref="CatalogueMatchRequest.MaxConeRadiusDeg"/>) and short (<see cref="CatalogueMatchRequest.MaxLocalRows"/>),
/// else remote when the source can take an upload. A local cone the archive cut at its row limit is asked again as an
/// upload when the source can take one. Every request goes through <see cref="QueryEngine.RunPlannedAsync"/>: access
/// groups, budgets, the host limit and the cache (keyed by the request, uploads hashed, and the access scope).
/// </remarks>
public sealed class CatalogueCrossMatch(QueryEngine engine, TimeProvider time)
{
    /// <summary>What is wrong with table A or the request, one sentence; null when the match can run.</summary>
    public static string? Check(Table a, CatalogueMatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(request);
        if (!(request.RadiusArcsec > 0 && request.RadiusArcsec <= 3600))
        {
            return "The match radius must be greater than 0 and at most 3600 arcsec.";
        }
        if (PositionColumns.Find(a) is not { } columns)
        {
            return "The list has no position columns (UCD pos.eq.ra/pos.eq.dec, or named ra/dec, RAJ2000/DEJ2000, RA_ICRS/DE_ICRS).";
        }
        if (a.RowCount == 0)
        {
            return "The list has no rows.";
        }
        double[] ra = columns.RaDegrees(), dec = columns.DecDegrees();
        return Enumerable.Range(0, ra.Length).Any(i => double.IsFinite(ra[i]) && dec[i] is >= -90 and <= 90)
            ? null
            : "No row of the list has a valid position (RA and Dec in degrees, Dec within ±90).";
    }

    /// <summary>Matches A against every catalogue at once; yields one outcome per catalogue as each completes.</summary>
    /// <param name="a">The list (any table with positions); <see cref="Check"/> must have passed.</param>
    /// <param name="catalogues">The sources to match against.</param>
    /// <param name="request">Radius, mode, epochs, where.</param>
    /// <param name="access">Who is asking: restricted sources only for members.</param>
    /// <param name="cancellationToken">Abandons every catalogue still running.</param>
    public async IAsyncEnumerable<CatalogueMatchOutcome> RunAsync(Table a, IReadOnlyList<IDataSource> catalogues, CatalogueMatchRequest request,
        AccessContext access, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalogues);
        ArgumentNullException.ThrowIfNull(access);
        if (Check(a, request) is { } problem)
        {
            throw new ArgumentException(problem, nameof(a));
        }
        var columns = PositionColumns.Find(a)!;
        double[] ra = columns.RaDegrees(), dec = columns.DecDegrees();
        var list = new ListShape(a, ra, dec, SkyExtent.Of(ra, dec), new Lazy<ReadOnlyMemory<byte>>(() => UploadTable(ra, dec)));
        long start = time.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = catalogues.Select(c => MatchOneAsync(c, list, request, access, start, stop.Token)).ToList();
        try
        {
            await foreach (var done in Task.WhenEach(running).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return await done.ConfigureAwait(false);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private sealed record ListShape(Table Table, double[] Ra, double[] Dec, SkyExtent Extent, Lazy<ReadOnlyMemory<byte>> Upload)
    {
        public int ValidRows => Extent.ValidRows;
    }

    private async Task<CatalogueMatchOutcome> MatchOneAsync(IDataSource source, ListShape list, CatalogueMatchRequest request, AccessContext access,
        long start, CancellationToken stop)
    {
        await Task.Yield();
        var d = source.Descriptor;
        var notes = new List<string>();
        var provenance = new List<string>();
        if (!access.MaySee(d))
        {
            return Outcome(d, start, OutcomeStatus.Skipped, null, null, provenance, notes, $"{d.Title}: restricted to members of the group '{d.AccessGroup}'");
        }
        bool canUpload = source is IUploadMatchSource { CanMatchUploads: true };
        double searchArcsec = request.RadiusArcsec + (request.Epochs?.CandidateAllowanceArcsec ?? 0);
        double coneDeg = Math.Min(180.0, list.Extent.RadiusDeg + (searchArcsec / 3600.0));
        var place = request.Place;
        if (place == MatchPlace.Auto)
        {
            bool wide = coneDeg > request.MaxConeRadiusDeg, long_ = list.ValidRows > request.MaxLocalRows;
            place = canUpload && (wide || long_) ? MatchPlace.Remote : MatchPlace.Local;
            notes.Add(place == MatchPlace.Remote
                ? string.Create(CultureInfo.InvariantCulture, $"Matched on the archive (TAP upload of {list.ValidRows} positions): the list {(wide ? $"spans a cone of {coneDeg:0.###}°, wider than {request.MaxConeRadiusDeg:0.###}°" : $"has more than {request.MaxLocalRows} rows")}.")
                : string.Create(CultureInfo.InvariantCulture, $"Matched by Das on the cone of {coneDeg * 3600:0.#}\" around the list."));
            if (place == MatchPlace.Local && wide)
            {
                return Outcome(d, start, OutcomeStatus.Failed, null, null, provenance, notes, string.Create(CultureInfo.InvariantCulture,
                    $"{d.Title}: the list spans a cone of {coneDeg:0.###}°, wider than the {request.MaxConeRadiusDeg:0.###}° Das fetches to match here, and this source cannot match an uploaded list (TAP sources with a table and VizieR sources can)."));
            }
        }
        if (place == MatchPlace.Remote && !canUpload)
        {
            return Outcome(d, start, OutcomeStatus.Failed, null, null, provenance, notes,
                $"{d.Title}: cannot match an uploaded list on the archive's side (only TAP sources with a table and VizieR sources can); match it here instead.");
        }

        SourceOutcome fetched;
        string method;
        if (place == MatchPlace.Local)
        {
            var centre = new SkyPosition(list.Extent.Ra, list.Extent.Dec);
            var query = new SkyQuery { Position = centre, FovArcmin = 2 * coneDeg * 60, ErrArcsec = coneDeg * 3600 };
            fetched = await engine.RunPlannedAsync(source, s => s.Plan(new SourceSearch(query, centre, coneDeg)), access, stop).ConfigureAwait(false);
            method = "local";
            AddProvenance(provenance, fetched);
            if (fetched.Status == OutcomeStatus.Truncated && canUpload && request.Place == MatchPlace.Auto)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The cone answer was cut at {fetched.RowCount} rows, so the list was matched on the archive (TAP upload) instead."));
                fetched = await RemoteAsync(source, list, request, searchArcsec, access, stop).ConfigureAwait(false);
                method = "remote";
                AddProvenance(provenance, fetched);
            }
        }
        else
        {
            fetched = await RemoteAsync(source, list, request, searchArcsec, access, stop).ConfigureAwait(false);
            method = "remote";
            AddProvenance(provenance, fetched);
        }

        if (fetched.Table is not { } answer || fetched.Status is OutcomeStatus.Failed or OutcomeStatus.TimedOut or OutcomeStatus.Skipped)
        {
            return Outcome(d, start, fetched.Status, method, null, provenance, notes, fetched.Message ?? $"{d.Title}: no answer") with
            {
                CachedAge = fetched.CachedAge,
            };
        }
        var candidates = method == "remote" ? DistinctCandidates(answer) : WithoutDasColumns(answer);
        if (PositionColumns.Find(candidates) is null && candidates.RowCount == 0)
        {
            // An empty answer may come without the columns Das recognises positions by: no pair, nothing wrong.
            return Outcome(d, start, fetched.Status == OutcomeStatus.Truncated ? OutcomeStatus.Truncated : OutcomeStatus.Empty, method,
                TableCrossMatch.Join(list.Table, candidates, CrossMatchResult.Empty), provenance, notes, fetched.Message) with { CachedAge = fetched.CachedAge };
        }
        var matched = TableCrossMatch.Match(list.Table, candidates, request.RadiusArcsec, request.Mode, request.Epochs);
        if (matched.Joined is not { } joined || matched.Pairs is not { } pairs)
        {
            return Outcome(d, start, OutcomeStatus.Failed, method, null, provenance, notes, $"{d.Title}: {matched.Failure}");
        }
        notes.AddRange(matched.Notes);
        var status = fetched.Status == OutcomeStatus.Truncated ? OutcomeStatus.Truncated : pairs.Count == 0 ? OutcomeStatus.Empty : OutcomeStatus.Ok;
        string? message = status == OutcomeStatus.Truncated
            ? string.Create(CultureInfo.InvariantCulture, $"{d.Title}: the archive's answer was cut at {answer.RowCount} rows, so pairs may be missing ({fetched.Message})")
            : null;
        return Outcome(d, start, status, method, joined, provenance, notes, message) with
        {
            MatchedRows = pairs.MatchedRowsA(),
            Candidates = candidates.RowCount,
            CachedAge = fetched.CachedAge,
        };
    }

    private Task<SourceOutcome> RemoteAsync(IDataSource source, ListShape list, CatalogueMatchRequest request, double searchArcsec, AccessContext access,
        CancellationToken stop)
    {
        var upload = new UploadMatch(list.Upload.Value, list.ValidRows, searchArcsec / 3600.0, request.MaxRemoteRows);
        return engine.RunPlannedAsync(source, s => ((IUploadMatchSource)s).PlanUploadMatch(upload), access, stop);
    }

    private static void AddProvenance(List<string> provenance, SourceOutcome outcome)
    {
        if (outcome.Provenance is { } p)
        {
            provenance.Add(p);
        }
    }

    private CatalogueMatchOutcome Outcome(SourceDescriptor d, long start, OutcomeStatus status, string? method, Table? joined, List<string> provenance,
        List<string> notes, string? message) => new()
    {
        Source = d,
        Status = status,
        Method = method,
        Joined = joined,
        Provenance = provenance,
        Notes = notes,
        Message = message,
        Elapsed = time.GetElapsedTime(start),
    };

    // The valid positions of A as a TABLEDATA VOTable (das_row, das_ra, das_dec): every TAP service reads TABLEDATA.
    private static ReadOnlyMemory<byte> UploadTable(double[] ra, double[] dec)
    {
        var rows = new ScalarColumn<int>(new Field { Name = UploadMatch.RowColumn, DataType = VoDataType.Int, Ucd = "meta.id" });
        var ras = new ScalarColumn<double>(new Field { Name = UploadMatch.RaColumn, DataType = VoDataType.Double, Unit = "deg", Ucd = "pos.eq.ra;meta.main" });
        var decs = new ScalarColumn<double>(new Field { Name = UploadMatch.DecColumn, DataType = VoDataType.Double, Unit = "deg", Ucd = "pos.eq.dec;meta.main" });
        for (int i = 0; i < ra.Length; i++)
        {
            if (double.IsFinite(ra[i]) && dec[i] is >= -90 and <= 90)
            {
                rows.Append(i);
                ras.Append(ra[i]);
                decs.Append(dec[i]);
            }
        }
        using var stream = new MemoryStream();
        var table = new Table([rows, ras, decs]) { Name = "das_upload" };
        VoTableWriter.WriteTableAsync(stream, table, new VoTableWriteOptions { Serialization = VoTableSerialization.TableData, Indent = false }, CancellationToken.None)
            .GetAwaiter().GetResult();
        return stream.ToArray();
    }

    // An upload match returns one row per pair: the same catalogue row comes back once per list position near it.
    // The catalogue rows are kept once each (by position and main id), without Das's own columns, and matched here.
    private static Table DistinctCandidates(Table answer)
    {
        var table = WithoutDasColumns(answer);
        if (PositionColumns.Find(table) is not { } columns)
        {
            return table;
        }
        double[] ra = columns.RaDegrees(), dec = columns.DecDegrees();
        var id = table.FindColumnByUcd("meta.id;meta.main");
        var seen = new HashSet<(double, double, string?)>();
        var keep = new List<int>(table.RowCount);
        for (int r = 0; r < table.RowCount; r++)
        {
            if (seen.Add((ra[r], dec[r], id is null ? null : Convert.ToString(id.GetValue(r), CultureInfo.InvariantCulture))))
            {
                keep.Add(r);
            }
        }
        return keep.Count == table.RowCount ? table : Rows(table, keep);
    }

    private static Table WithoutDasColumns(Table answer)
    {
        var kept = answer.Columns.Where(c => !c.Name.StartsWith("das_", StringComparison.Ordinal)).ToList();
        return kept.Count == answer.Columns.Count ? answer : new Table(kept) { Name = answer.Name, Description = answer.Description };
    }

    private static Table Rows(Table table, List<int> rows)
    {
        var columns = table.Columns.Select(source =>
        {
            var target = Column.Create(source.Field);
            foreach (int row in rows)
            {
                ColumnCopier.CopyCell(source, row, target);
            }
            return target;
        });
        return new Table(columns) { Name = table.Name, Description = table.Description };
    }
}
