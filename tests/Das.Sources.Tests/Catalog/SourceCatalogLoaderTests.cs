using System.Text;
using Das.Engine.Sources;
using Das.Sources.Catalog;

namespace Das.Sources.Tests.Catalog;

public sealed class SourceCatalogLoaderTests : IAsyncLifetime
{
    private SourceHarness _harness = null!;

    public ValueTask InitializeAsync()
    {
        _harness = new SourceHarness();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private static SourceCatalogFile Read(string json) =>
        SourceCatalogLoader.ReadFile(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");

    [Fact]
    public void Default_catalogue_validates_with_no_problem_and_has_at_least_25_sources()
    {
        var defaults = SourceCatalogLoader.ReadDefaultFile();
        Assert.Empty(_harness.Loader.Validate(defaults.Sources));
        Assert.True(_harness.Defaults.Sources.Count >= 25, $"{_harness.Defaults.Sources.Count} sources");
    }

    [Fact]
    public void Every_default_source_says_what_it_is_and_how_long_it_may_take_and_be_kept()
    {
        foreach (var d in SourceCatalogLoader.ReadDefaultFile().Sources)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Description), d.Id);
            Assert.NotNull(d.BudgetSeconds);
            Assert.NotNull(d.CacheHours);
            // Only ESO's SSA has no row limit: its documented form takes no MAXREC.
            Assert.True(d.MaxRows is not null || d.Id == "eso-spectra", $"{d.Id} has no maxRows");
        }
    }

    [Fact]
    public void Alert_brokers_are_never_cached_and_ZTF_only_briefly()
    {
        var catalog = _harness.Defaults;
        Assert.Equal(TimeSpan.Zero, catalog.Find("FINK")!.Descriptor.CacheLifetime);
        Assert.True(catalog.Find("ZTF")!.Descriptor.CacheLifetime <= TimeSpan.FromHours(6));
    }

    [Theory]
    [InlineData("ZTF", "irsa-ztf-lightcurves")]
    [InlineData("FINK", "fink")]
    [InlineData("GAIA", "gaia-dr3")]
    [InlineData("SIMBAD", "simbad")]
    [InlineData("NED", "ned")]
    [InlineData("PS1", "ps1-dr2")]
    [InlineData("2MASS", "vizier-2mass")]
    [InlineData("RACS", "racs-low")]
    public void Names_of_the_old_service_find_their_source(string name, string id)
    {
        Assert.Equal(id, _harness.Defaults.Find(name)?.Descriptor.Id);
    }

    [Fact]
    public void Default_selection_asks_catalogues_and_images_but_not_on_demand_sources()
    {
        var defaults = _harness.Defaults.Sources.Where(s => s.Descriptor.IsDefault).Select(s => s.Descriptor.Id).ToList();
        Assert.Contains("gaia-dr3", defaults);
        Assert.Contains("ps1-cutouts", defaults);
        Assert.DoesNotContain("fink", defaults);
        Assert.DoesNotContain("vizier-gaia-dr3", defaults);
        Assert.Contains(_harness.Defaults.Sources, s => s.Descriptor.Kind == ResultKind.Images && s.Descriptor.IsDefault);
    }

    [Fact]
    public void Validator_reports_every_bad_entry_at_once_with_its_reason()
    {
        var file = Read("""
        {
          "sources": [
            { "id": "good", "title": "Good", "kind": "catalogue", "protocol": "tap", "endpoint": "https://example.org/tap", "table": "cat.main" },
            { "id": "no-protocol", "title": "A", "kind": "catalogue", "protocol": "soap", "endpoint": "https://example.org/x" },
            { "id": "bad-url", "title": "B", "kind": "catalogue", "protocol": "scs", "endpoint": "ftp://example.org/cone" },
            { "id": "misspelt", "title": "C", "kind": "catalogue", "protocol": "tap", "endpoint": "https://example.org/tap", "tabel": "cat.main", "table": "cat.main" },
            { "id": "bad-adql", "title": "D", "kind": "catalogue", "protocol": "tap", "endpoint": "https://example.org/tap",
              "adql": "SELECT * FROM t WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {radius_deg}))" },
            { "id": "first", "title": "E", "kind": "catalogue", "protocol": "scs", "endpoint": "https://example.org/a", "aliases": ["SAME"] },
            { "id": "second", "title": "F", "kind": "catalogue", "protocol": "scs", "endpoint": "https://example.org/b", "aliases": ["same"] },
            { "id": "upside-down", "title": "G", "kind": "catalogue", "protocol": "scs", "endpoint": "https://example.org/c",
              "coverage": { "decMin": 30, "decMax": -30 } }
          ]
        }
        """);
        var problems = _harness.Loader.Validate(file.Sources);

        Assert.Collection(problems,
            p => Assert.Equal("no-protocol: protocol 'soap' is not known (known: fink, gemini, irsa-ztf-lightcurves, legacy-cutouts, mast-mashup, ps1-catalog, ps1-cutouts, scs, sia1, sia2, ssa, tap, tap-redshifts, vizier, vizier-redshifts, vizier-tap)", p),
            p => Assert.Equal("bad-url: endpoint 'ftp://example.org/cone' is not an http(s) URL", p),
            p => Assert.Equal("misspelt: unknown setting 'tabel'", p),
            p => Assert.Equal("bad-adql: adql: unknown placeholder {radius_deg} (known: {ra}, {dec}, {radius}, {maxrec})", p),
            p => Assert.Equal("second: the name 'same' is already used by first", p),
            p => Assert.Equal("upside-down: coverage: the declination band [30, -30] must lie within [-90, 90] with decMin < decMax", p));
        var refused = Assert.Throws<SourceCatalogException>(() => _harness.Loader.Build(file.Sources, "test.json"));
        Assert.Equal(problems, refused.Problems);
        Assert.StartsWith("test.json: 6 problems in the source catalogue:", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "f", "title": "F", "kind": "catalogue", "protocol": "fink", "endpoint": "https://example.org/c", "parameters": { "window": "3" } }""",
        "f: parameter 'window' is not a setting of protocol fink (it takes none)")]
    [InlineData("""{ "id": "f", "title": "F", "kind": "catalogue", "protocol": "fink", "endpoint": "https://example.org/c", "columns": ["objectId"] }""",
        "f: column 'objectId' is not a Fink column name such as i:objectId (a one-letter family, a colon, a name)")]
    [InlineData("""{ "id": "m", "title": "M", "kind": "catalogue", "protocol": "mast-mashup", "endpoint": "https://example.org/i" }""",
        "m: parameter 'service' is required: the Mashup cone service, e.g. Mast.Catalogs.Tic.Cone")]
    [InlineData("""{ "id": "m", "title": "M", "kind": "catalogue", "protocol": "mast-mashup", "endpoint": "https://example.org/i", "parameters": { "service": "Mast.Caom.Filtered" } }""",
        "m: parameter 'service' = 'Mast.Caom.Filtered' must be a Mashup cone service such as Mast.Catalogs.Tic.Cone (ra, dec and radius are what Das sends)")]
    [InlineData("""{ "id": "l", "title": "L", "kind": "images", "protocol": "legacy-cutouts", "endpoint": "https://example.org/v", "parameters": { "pixscale": "0,262" } }""",
        "l: parameter 'pixscale' = '0,262' must be a number above 0 and at most 60")]
    [InlineData("""{ "id": "p", "title": "P", "kind": "images", "protocol": "ps1-cutouts", "endpoint": "https://example.org/p", "parameters": { "filters": "ugr" } }""",
        "p: parameter 'filters' = 'ugr' must be PS1 filter letters among grizy")]
    [InlineData("""{ "id": "p", "title": "P", "kind": "catalogue", "protocol": "ps1-catalog", "endpoint": "https://example.org/p", "parameters": { "radius": "1" } }""",
        "p: parameter 'radius' is set by Das from the search; give column constraints such as nDetections.gte")]
    [InlineData("""{ "id": "z", "title": "Z", "kind": "lightcurve", "protocol": "irsa-ztf-lightcurves", "endpoint": "https://example.org/z", "parameters": { "FORMAT": "CSV" } }""",
        "z: parameter 'FORMAT' is set by Das (the position, and the VOTable format it reads); give BANDNAME, COLLECTION, NOBS_MIN and the like")]
    public void Archive_protocols_check_their_own_settings(string entry, string problem)
    {
        var file = Read($$"""{ "sources": [ {{entry}} ] }""");
        Assert.Equal([problem], _harness.Loader.Validate(file.Sources));
    }

    [Fact]
    public void The_documented_list_shows_every_default_source_with_its_protocol_and_endpoint()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Das.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("the repository root (Das.slnx) is not above the test assembly");
        }
        var page = File.ReadAllText(Path.Combine(root.FullName, "docs", "default-sources.md"));
        foreach (var d in SourceCatalogLoader.ReadDefaultFile().Sources)
        {
            var runs = d.Default ?? true ? "default" : "named";
            Assert.Contains($"| `{d.Id}` | {d.Kind} | {d.Protocol} | {runs} |", page, StringComparison.Ordinal);
            Assert.Contains($" | {d.Endpoint} |", page, StringComparison.Ordinal);
        }
    }

    private const string UserFile = """
    {
      // Replaces the default gaia-dr3, removes simbad, adds a private TAP table.
      "sources": [
        { "id": "gaia-dr3", "title": "Gaia DR3 (GAVO)", "kind": "catalogue", "protocol": "tap", "endpoint": "https://dc.g-vo.org/tap",
          "table": "gaia.dr3lite", "aliases": ["GAIA"] },
        { "id": "simbad", "disabled": true },
        { "id": "my-survey", "title": "My survey", "kind": "catalogue", "protocol": "tap", "endpoint": "https://data.example.org/tap",
          "table": "survey.objects", "default": false, "group": "team" }
      ]
    }
    """;

    [Fact]
    public void A_config_file_extends_replaces_and_disables_entries()
    {
        var defaults = SourceCatalogLoader.ReadDefaultFile().Sources;
        var catalog = _harness.Loader.Load(Read(UserFile), "user.json");

        Assert.Equal(defaults.Count, catalog.Sources.Count); // one replaced in place, one removed, one added
        Assert.Equal("dc.g-vo.org", catalog.Find("gaia-dr3")!.Descriptor.Host);
        Assert.Equal("gaia-dr3", catalog.Find("GAIA")!.Descriptor.Id);
        Assert.Null(catalog.Find("simbad"));
        var mine = catalog.Find("my-survey")!.Descriptor;
        Assert.Equal("team", mine.AccessGroup);
        Assert.False(mine.IsDefault);
        Assert.Equal("my-survey", catalog.Sources[^1].Descriptor.Id);
        Assert.Equal(defaults.Select(d => d.Id).First(), catalog.Sources[0].Descriptor.Id);
    }

    [Fact]
    public void A_config_file_in_replace_mode_keeps_only_its_own_entries()
    {
        var catalog = _harness.Loader.Load(Read(UserFile.Replace("\"sources\"", "\"mode\": \"replace\", \"sources\"", StringComparison.Ordinal)), "user.json");
        Assert.Equal(["gaia-dr3", "my-survey"], catalog.Sources.Select(s => s.Descriptor.Id));
    }

    [Fact]
    public void A_bad_config_entry_is_reported_against_the_config_file()
    {
        var file = Read("""{ "sources": [ { "id": "nvss", "title": "NVSS", "kind": "catalogue", "protocol": "vizier", "endpoint": "https://vizier.cfa.harvard.edu/viz-bin/votable" } ] }""");
        var refused = Assert.Throws<SourceCatalogException>(() => _harness.Loader.Load(file, "user.json"));
        Assert.Equal(["nvss: a VizieR source needs 'table' (a catalogue or table id such as II/246/out)"], refused.Problems);
        Assert.StartsWith("user.json:", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_mode_is_refused()
    {
        var refused = Assert.Throws<SourceCatalogException>(() => _harness.Loader.Load(Read("""{ "mode": "merge", "sources": [] }"""), "user.json"));
        Assert.Equal(["mode 'merge' must be 'extend' or 'replace'"], refused.Problems);
    }
}
