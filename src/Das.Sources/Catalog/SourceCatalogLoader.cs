using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Das.Engine.Queries;
using Das.Engine.Sources;
using Das.Sky.Moc;
using Das.Sources.Protocols;

namespace Das.Sources.Catalog;

/// <summary>
/// Reads catalogue files, merges a user's file into the defaults, and validates every entry at once: a bad
/// catalogue is refused with the list of all its problems, each naming the entry, never one at a time.
/// </summary>
public sealed partial class SourceCatalogLoader
{
    /// <summary>JSON options for catalogue files: camelCase names, comments and trailing commas allowed.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] Kinds = ["catalogue", "images", "spectra", "lightcurve", "redshifts"];

    private readonly Dictionary<string, ISourceProtocol> _protocols;

    /// <summary>Creates a loader that knows these protocols.</summary>
    public SourceCatalogLoader(IEnumerable<ISourceProtocol> protocols)
    {
        _protocols = protocols.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>The protocols known.</summary>
    public IReadOnlyCollection<string> Protocols => _protocols.Keys;

    /// <summary>The embedded default catalogue (real public endpoints).</summary>
    public static SourceCatalogFile ReadDefaultFile()
    {
        using var stream = typeof(SourceCatalogLoader).Assembly.GetManifestResourceStream("Das.Sources.default-sources.json")
            ?? throw new InvalidOperationException("the default source catalogue is not embedded");
        return ReadFile(stream, "default-sources.json");
    }

    /// <summary>Reads a catalogue file; malformed JSON throws <see cref="SourceCatalogException"/> with the line.</summary>
    public static SourceCatalogFile ReadFile(Stream json, string origin)
    {
        try
        {
            return JsonSerializer.Deserialize<SourceCatalogFile>(json, Json) ?? new SourceCatalogFile();
        }
        catch (JsonException ex)
        {
            throw new SourceCatalogException(origin, [$"not a valid catalogue file: {ex.Message}"]);
        }
    }

    /// <summary>The default catalogue, extended or replaced by the user's file when there is one.</summary>
    public SourceCatalog Load(SourceCatalogFile? user = null, string userOrigin = "configuration")
    {
        var defaults = ReadDefaultFile();
        IReadOnlyList<SourceDefinition> merged = defaults.Sources;
        string origin = "default-sources.json";
        if (user is not null)
        {
            origin = userOrigin;
            merged = (user.Mode ?? "extend") switch
            {
                "replace" => [.. user.Sources.Where(s => !s.Disabled)],
                "extend" => Merge(defaults.Sources, user.Sources),
                var mode => throw new SourceCatalogException(userOrigin, [$"mode '{mode}' must be 'extend' or 'replace'"]),
            };
        }
        return Build(merged, origin);
    }

    /// <summary>Validates and builds a catalogue from definitions.</summary>
    public SourceCatalog Build(IReadOnlyList<SourceDefinition> definitions, string origin)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var problems = Validate(definitions);
        if (problems.Count > 0)
        {
            throw new SourceCatalogException(origin, problems);
        }
        var sources = definitions.Select(d => _protocols[d.Protocol!].Create(d, Describe(d))).ToList();
        return new SourceCatalog(sources, definitions, VizierOnDemand(definitions));
    }

    /// <summary>
    /// Extra VizieR catalogues (VIZ=) go to the VizieR service the catalogue already uses (its first ASU entry, with
    /// that entry's mirrors, budget and row limit), or to the public one; they are never cached longer than a day.
    /// </summary>
    private Func<string, IDataSource>? VizierOnDemand(IReadOnlyList<SourceDefinition> definitions)
    {
        if (!_protocols.TryGetValue("vizier", out var vizier))
        {
            return null;
        }
        var template = definitions.FirstOrDefault(d => d.Protocol == "vizier") ?? new SourceDefinition
        {
            Protocol = "vizier",
            Endpoint = Das.Vo.Vizier.VizierAsuQuery.DefaultEndpoint.AbsoluteUri,
            Mirrors = ["https://vizier.cfa.harvard.edu/"],
        };
        return name =>
        {
            var definition = template with
            {
                Id = "vizier:" + name.ToLowerInvariant(),
                Title = "VizieR " + name,
                Kind = "catalogue",
                Table = name,
                Columns = [],
                Aliases = [],
                Default = false,
                Coverage = null,
                RadiusArcsec = null,
                Description = $"VizieR catalogue {name}, asked on demand (VIZ={name}).",
            };
            return vizier.Create(definition, Describe(definition));
        };
    }

    private static List<SourceDefinition> Merge(IReadOnlyList<SourceDefinition> defaults, IReadOnlyList<SourceDefinition> user)
    {
        var byId = user.Where(u => u.Id is not null).GroupBy(u => u.Id!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var merged = defaults.Select(d => d.Id is not null && byId.TryGetValue(d.Id, out var replacement) ? replacement : d).ToList();
        merged.AddRange(user.Where(u => u.Id is null || !defaults.Any(d => d.Id == u.Id)));
        return [.. merged.Where(d => !d.Disabled)];
    }

    /// <summary>Every problem with every definition; empty when the catalogue is good.</summary>
    public IReadOnlyList<string> Validate(IReadOnlyList<SourceDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var problems = new List<string>();
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < definitions.Count; i++)
        {
            var d = definitions[i];
            string who = d.Id is { Length: > 0 } ? d.Id : string.Create(CultureInfo.InvariantCulture, $"sources[{i}]");
            foreach (var problem in ValidateOne(d))
            {
                problems.Add($"{who}: {problem}");
            }
            foreach (var name in new[] { d.Id }.Concat(d.Aliases).OfType<string>())
            {
                if (!names.TryAdd(name, who) && names[name] != who)
                {
                    problems.Add($"{who}: the name '{name}' is already used by {names[name]}");
                }
                else if (names[name] == who && d.Aliases.Count(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)) + (string.Equals(d.Id, name, StringComparison.OrdinalIgnoreCase) ? 1 : 0) > 1)
                {
                    problems.Add($"{who}: the name '{name}' is given twice");
                }
            }
        }
        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    private IEnumerable<string> ValidateOne(SourceDefinition d)
    {
        foreach (var unknown in (d.Unknown?.Keys ?? []).Concat((d.Coverage?.Unknown?.Keys ?? []).Select(k => "coverage." + k)))
        {
            yield return $"unknown setting '{unknown}'";
        }
        if (string.IsNullOrWhiteSpace(d.Id))
        {
            yield return "'id' is required";
        }
        else if (!IdPattern().IsMatch(d.Id))
        {
            yield return $"id '{d.Id}' must be lower-case letters, digits, '-' and '.', starting with a letter or digit";
        }
        if (string.IsNullOrWhiteSpace(d.Title))
        {
            yield return "'title' is required";
        }
        if (d.Kind is null || !Kinds.Contains(d.Kind))
        {
            yield return $"kind '{d.Kind}' must be one of {string.Join(", ", Kinds)}";
        }
        if (!IsHttpUrl(d.Endpoint))
        {
            yield return d.Endpoint is null ? "'endpoint' is required" : $"endpoint '{d.Endpoint}' is not an http(s) URL";
        }
        foreach (var mirror in d.Mirrors.Where(m => !IsHttpUrl(m)))
        {
            yield return $"mirror '{mirror}' is not an http(s) URL";
        }
        foreach (var problem in Range("budgetSeconds", d.BudgetSeconds, 0, 600, "s")
            .Concat(Range("cacheHours", d.CacheHours, -1e-9, 24 * 365, "h"))
            .Concat(Range("maxRows", d.MaxRows, 0, 10_000_000, "rows"))
            .Concat(Range("radiusArcsec", d.RadiusArcsec, 0, 36_000, "arcsec"))
            .Concat(Range("maxMegabytes", d.MaxMegabytes, 0, 4096, "MiB")))
        {
            yield return problem;
        }
        foreach (var alias in d.Aliases.Where(a => !QueryParameters.IsSourceName(a)))
        {
            yield return $"alias '{alias}' must be letters, digits and . _ - / + only";
        }
        if (d.Group is not null && !GroupPattern().IsMatch(d.Group))
        {
            yield return $"group '{d.Group}' must be letters, digits, '-', '_' and '.'";
        }
        if (d.Coverage is { } coverage && !CoverageMoc.TryCreate(coverage, out _, out var coverageError))
        {
            yield return coverageError!;
        }
        if (d.Protocol is null || !_protocols.TryGetValue(d.Protocol, out var protocol))
        {
            yield return $"protocol '{d.Protocol}' is not known (known: {string.Join(", ", _protocols.Keys.Order(StringComparer.Ordinal))})";
        }
        else if (IsHttpUrl(d.Endpoint))
        {
            foreach (var problem in protocol.Validate(d))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> Range(string name, double? value, double above, double atMost, string unit)
    {
        if (value is double v && !(v > above && v <= atMost))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{name} {v} must be above {Math.Max(0, above)} and at most {atMost} {unit}");
        }
    }

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>What the engine needs to know, from a valid definition.</summary>
    public static SourceDescriptor Describe(SourceDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        Moc? coverage = null;
        if (d.Coverage is { } c && CoverageMoc.TryCreate(c, out var moc, out _))
        {
            coverage = moc;
        }
        return new SourceDescriptor
        {
            Id = d.Id!,
            Title = d.Title!,
            Kind = d.Kind switch
            {
                "images" => ResultKind.Images,
                "spectra" => ResultKind.Spectra,
                "lightcurve" => ResultKind.LightCurve,
                "redshifts" => ResultKind.Redshifts,
                _ => ResultKind.Catalogue,
            },
            Protocol = d.Protocol!,
            Host = new Uri(d.Endpoint!).Authority,
            Budget = TimeSpan.FromSeconds(d.BudgetSeconds ?? SourceDefaults.BudgetSeconds),
            CacheLifetime = TimeSpan.FromHours(d.CacheHours ?? SourceDefaults.CacheHours),
            Coverage = coverage,
            IsDefault = d.Default ?? true,
            Aliases = d.Aliases,
            AccessGroup = d.Group,
            RadiusDeg = d.RadiusArcsec / 3600.0,
            Description = d.Description,
        };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex GroupPattern();
}
