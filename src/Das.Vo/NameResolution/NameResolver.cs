using System.Globalization;
using Das.Sky.Positions;
using Das.Vo.Adql;
using Das.Vo.Answers;
using Das.Vo.Errors;
using Das.Vo.Http;
using Das.Vo.Tap;

namespace Das.Vo.NameResolution;

/// <summary>
/// Resolves object names: Sesame first (SIMBAD, then NED, then VizieR, with a mirror), then SIMBAD's TAP service
/// when Sesame cannot be reached. Unknown and ambiguous names are reported as such, with which resolver answered.
/// </summary>
public sealed class NameResolver
{
    /// <summary>SIMBAD's TAP service, as text (help texts name it without building a Uri at start-up).</summary>
    public const string SimbadTapText = "https://simbad.cds.unistra.fr/simbad/sim-tap";

    /// <summary>SIMBAD's mirror, as text.</summary>
    public const string SimbadMirrorText = "https://simbad.harvard.edu/";

    /// <summary>SIMBAD's TAP service.</summary>
    public static readonly Uri SimbadTap = new(SimbadTapText);

    /// <summary>SIMBAD's mirror (same path).</summary>
    public static readonly Uri SimbadMirror = new(SimbadMirrorText);

    /// <summary>Databases whose positions differ by more than this make a name ambiguous (an object, not a cloud of answers).</summary>
    public static readonly double AmbiguityArcsec = 60;

    private readonly VoHttpClient _http;
    private readonly VoQueryClient _query;

    /// <summary>Creates the resolver.</summary>
    public NameResolver(VoHttpClient http, VoQueryClient query)
    {
        _http = http;
        _query = query;
    }

    /// <summary>Resolves a name.</summary>
    /// <param name="name">The name as typed.</param>
    /// <param name="services">Sesame and SIMBAD TAP, with their mirrors.</param>
    /// <param name="options">Budget per resolver (its mirrors are replaced by each service's own).</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    public async Task<NameResolution> ResolveAsync(string name, NameResolverServices services, VoCallOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var messages = new List<string>();
        var request = new SesameQuery { Endpoint = services.Sesame, Name = name }.BuildRequest();
        try
        {
            await using var response = await _http.SendAsync(request, options with { Mirrors = services.SesameMirrors }, cancellationToken);
            if (SesameParser.TryParse(response.Body, out var result, out var error))
            {
                return FromSesame(name, result);
            }
            messages.Add("Sesame: its answer could not be read: " + error);
        }
        catch (VoException ex)
        {
            messages.Add("Sesame: " + ex.Reason);
        }
        if (services.SimbadTap is null)
        {
            return new NameResolution { Name = name, Status = NameResolutionStatus.Failed, Messages = messages };
        }
        return await FromSimbadTapAsync(name, services.SimbadTap, options with { Mirrors = services.SimbadTapMirrors }, messages, cancellationToken);
    }

    private static NameResolution FromSesame(string name, SesameResult result)
    {
        var said = result.Answers.SelectMany(a => a.Messages.Select(m => $"{a.Database}: {m}")).Concat(result.Messages).ToList();
        if (result.Best is not { } best)
        {
            return new NameResolution { Name = name, Status = NameResolutionStatus.Unknown, Messages = said };
        }
        var first = new SkyPosition(best.RaDeg!.Value, best.DecDeg!.Value);
        var far = result.Answers.Where(a => a.HasPosition && a != best)
            .Where(a => first.SeparationTo(new SkyPosition(a.RaDeg!.Value, a.DecDeg!.Value)).Degrees * 3600 > AmbiguityArcsec)
            .ToList();
        if (far.Count > 0)
        {
            return new NameResolution
            {
                Name = name,
                Status = NameResolutionStatus.Ambiguous,
                Candidates = [.. new[] { best }.Concat(far).Select(a => $"{a.ObjectName} ({a.Database}) at {new SkyPosition(a.RaDeg!.Value, a.DecDeg!.Value)}")],
                Messages = said,
            };
        }
        return new NameResolution
        {
            Name = name,
            Status = NameResolutionStatus.Found,
            RaDeg = best.RaDeg,
            DecDeg = best.DecDeg,
            ObjectName = best.ObjectName,
            ObjectType = best.ObjectType,
            ResolvedBy = best.Database + " via Sesame",
            Messages = said,
        };
    }

    private async Task<NameResolution> FromSimbadTapAsync(string name, Uri simbadTap, VoCallOptions options, List<string> messages, CancellationToken cancellationToken)
    {
        if (!AdqlLiteral.TryText(name.Trim(), out var literal, out var error))
        {
            messages.Add("SIMBAD TAP: " + error);
            return new NameResolution { Name = name, Status = NameResolutionStatus.Failed, Messages = messages };
        }
        var adql = AdqlTemplate.Parse(
            "SELECT TOP 5 b.main_id, b.ra, b.dec, b.otype FROM basic AS b JOIN ident AS i ON i.oidref = b.oid WHERE i.id = {name}")
            .Render(new Dictionary<string, AdqlFragment> { ["name"] = literal });
        var query = new TapQuery { BaseUrl = simbadTap, Adql = adql, MaxRecords = 5 };
        try
        {
            var answer = await _query.QueryAsync(query.BuildSyncRequest(), options, null, cancellationToken);
            var table = answer.Table;
            var ids = table.FindColumn("main_id");
            var ra = table.FindColumn("ra");
            var dec = table.FindColumn("dec");
            var type = table.FindColumn("otype");
            var rows = Enumerable.Range(0, table.RowCount)
                .Where(r => ra?.GetValue(r) is not null && dec?.GetValue(r) is not null)
                .Select(r => (Name: Convert.ToString(ids?.GetValue(r), CultureInfo.InvariantCulture),
                    Ra: Convert.ToDouble(ra!.GetValue(r), CultureInfo.InvariantCulture),
                    Dec: Convert.ToDouble(dec!.GetValue(r), CultureInfo.InvariantCulture),
                    Type: Convert.ToString(type?.GetValue(r), CultureInfo.InvariantCulture)))
                .DistinctBy(r => r.Name)
                .ToList();
            if (rows.Count == 0)
            {
                messages.Add("SIMBAD TAP: no object has this identifier");
                return new NameResolution { Name = name, Status = NameResolutionStatus.Unknown, Messages = messages };
            }
            if (rows.Count > 1)
            {
                return new NameResolution
                {
                    Name = name,
                    Status = NameResolutionStatus.Ambiguous,
                    Candidates = [.. rows.Select(r => $"{r.Name} (SIMBAD) at {new SkyPosition(r.Ra, r.Dec)}")],
                    Messages = messages,
                };
            }
            return new NameResolution
            {
                Name = name,
                Status = NameResolutionStatus.Found,
                RaDeg = rows[0].Ra,
                DecDeg = rows[0].Dec,
                ObjectName = rows[0].Name,
                ObjectType = rows[0].Type,
                ResolvedBy = "SIMBAD TAP",
                Messages = messages,
            };
        }
        catch (VoException ex)
        {
            messages.Add("SIMBAD TAP: " + ex.Reason);
            return new NameResolution { Name = name, Status = NameResolutionStatus.Failed, Messages = messages };
        }
    }
}
