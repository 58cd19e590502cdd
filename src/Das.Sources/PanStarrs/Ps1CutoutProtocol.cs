using System.Globalization;
using System.Text;
using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Sources.Protocols;
using Das.Tables.Model;
using Das.Vo.Http;

namespace Das.Sources.PanStarrs;

/// <summary>
/// Pan-STARRS1 image cutouts, in the two steps STScI's PS1 image page documents: <c>ps1filenames.py?ra&amp;dec&amp;filters</c>
/// lists the image file of each filter at the position (the endpoint), and <c>fitscut.cgi</c> beside it cuts a file
/// (<c>ra, dec, size</c> in 0.25 arcsec pixels, <c>format</c>, <c>red</c> = the file; a colour JPEG takes
/// <c>red, green, blue</c>). Only the list is asked; each row's URL is the cutout, made when a user opens it.
/// Setting: <c>filters</c> (default grizy).
/// </summary>
internal sealed class Ps1CutoutProtocol(VoHttpClient http) : ISourceProtocol
{
    /// <summary>PS1 image pixels are 0.25 arcsec.</summary>
    public const double PixelScaleArcsec = 0.25;

    private const string DefaultFilters = "grizy";

    public string Name => "ps1-cutouts";

    public IEnumerable<string> Validate(SourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var problem in ProtocolSettings.Unknown(definition, Name, "filters"))
        {
            yield return problem;
        }
        var filters = ProtocolSettings.Text(definition, "filters", DefaultFilters);
        if (filters.Length == 0 || !filters.All(c => DefaultFilters.Contains(c, StringComparison.Ordinal)))
        {
            yield return $"parameter 'filters' = '{filters}' must be PS1 filter letters among grizy";
        }
    }

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, http);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoHttpClient http)
        : ApiSource(descriptor, definition, http)
    {
        private readonly string _filters = ProtocolSettings.Text(definition, "filters", DefaultFilters);

        protected override string Expected => "the PS1 file list";

        protected override VoRequest Build(SourceSearch search) => new(HttpMethod.Get, Endpoint,
        [
            new("ra", UrlNumber.Exact(search.Position.Ra)),
            new("dec", UrlNumber.Exact(search.Position.Dec)),
            new("filters", _filters),
        ]);

        // The file list does not depend on the field but the cutout URLs do: two fields must not share a cached answer.
        protected override string KeyExtra(SourceSearch search) => " size=" + Pixels(search).ToString(CultureInfo.InvariantCulture);

        private int Pixels(SourceSearch search) => ImageLinks.Fit(ImageLinks.FieldArcsec(search, Descriptor), PixelScaleArcsec, int.MaxValue).Pixels;

        protected override SourceAnswer Interpret(ApiRequest request, ReadOnlyMemory<byte> body)
        {
            var files = Ps1FileList.Parse(Encoding.UTF8.GetString(body.Span));
            double ra = request.Search.Position.Ra, dec = request.Search.Position.Dec;
            int pixels = Pixels(request.Search);
            var cutter = new Uri(request.Request.Endpoint, "fitscut.cgi").AbsoluteUri;
            Uri Cutout(string format, params (string Key, string File)[] channels) => new(QueryString.Append(cutter,
            [
                new("ra", UrlNumber.Exact(ra)),
                new("dec", UrlNumber.Exact(dec)),
                new("size", pixels.ToString(CultureInfo.InvariantCulture)),
                new("format", format),
                .. channels.Select(c => new KeyValuePair<string, string>(c.Key, c.File)),
            ]));

            var images = files
                .Select(f => new ImageLink(f.Filter, Cutout("fits", ("red", f.FileName)), "image/fits", ra, dec, pixels, PixelScaleArcsec, f.ShortName ?? f.FileName))
                .ToList();
            // The colour composite STScI's page shows: i as red, r as green, g as blue.
            var byFilter = files.GroupBy(f => f.Filter, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().FileName, StringComparer.Ordinal);
            if (byFilter.TryGetValue("i", out var i) && byFilter.TryGetValue("r", out var r) && byFilter.TryGetValue("g", out var g))
            {
                images.Add(new ImageLink("irg", Cutout("jpg", ("red", i), ("green", r), ("blue", g)), "image/jpeg", ra, dec, pixels, PixelScaleArcsec));
            }
            var table = ImageLinks.Build(images.Take((int)Math.Min(MaxRows, int.MaxValue)));
            if (images.Count > MaxRows)
            {
                table.Truncation = new Truncation(TruncationReason.RowCap,
                    string.Create(CultureInfo.InvariantCulture, $"the first {MaxRows} of {images.Count} images are kept (maxRows)"));
            }
            return new SourceAnswer
            {
                Table = table,
                BytesRead = body.Length,
                Notes = ["The cutout URLs are made from STScI's file list; each image is cut when it is opened."],
            };
        }
    }
}
