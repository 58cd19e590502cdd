using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Sources.Protocols;
using Das.Vo.Http;

namespace Das.Sources.LegacySurvey;

/// <summary>
/// Legacy Surveys viewer cutouts (<c>{endpoint}/fits-cutout</c> and <c>{endpoint}/jpeg-cutout</c> with ra, dec,
/// layer, pixscale, size and, for FITS, bands). The viewer makes an image for any position, so there is nothing to
/// ask in advance: the answer is the list of the two cutout URLs for the field, computed here, and the archive is
/// contacted only when a user opens one. Settings: <c>layer</c> (default ls-dr10), <c>pixscale</c> (arcsec per pixel,
/// default 0.262, the native scale), <c>bands</c> (FITS bands, default griz).
/// </summary>
internal sealed class LegacyCutoutProtocol : ISourceProtocol
{
    /// <summary>The largest cutout side in pixels the DR10 description allows (the viewer's code allows 3000).</summary>
    public const int MaxPixels = 512;

    private const string DefaultLayer = "ls-dr10";
    private const double DefaultPixelScale = 0.262;
    private const string DefaultBands = "griz";

    public string Name => "legacy-cutouts";

    public IEnumerable<string> Validate(SourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var problem in ProtocolSettings.Unknown(definition, Name, "layer", "pixscale", "bands"))
        {
            yield return problem;
        }
        ProtocolSettings.Number(definition, "pixscale", DefaultPixelScale, 0, 60, out var scaleProblem);
        if (scaleProblem is not null)
        {
            yield return scaleProblem;
        }
        var layer = ProtocolSettings.Text(definition, "layer", DefaultLayer);
        if (layer.Length == 0 || !layer.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return $"parameter 'layer' = '{layer}' must be a viewer layer name such as ls-dr10";
        }
        var bands = ProtocolSettings.Text(definition, "bands", DefaultBands);
        if (bands.Length == 0 || !bands.All(char.IsAsciiLetterLower))
        {
            yield return $"parameter 'bands' = '{bands}' must be band letters such as griz";
        }
    }

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition);

    /// <summary>A request that is never sent: the image list, computed from the position.</summary>
    private sealed record ComputedRequest(IReadOnlyList<ImageLink> Images)
        : SourceRequest(
            "computed from the position, nothing is sent until an image is opened:\n" + string.Join("\n", Images.Select(i => "GET " + i.Url.AbsoluteUri)),
            "legacy-cutouts " + string.Join(" ", Images.Select(i => i.Url.AbsoluteUri)));

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition) : IDataSource
    {
        private readonly string _layer = ProtocolSettings.Text(definition, "layer", DefaultLayer);
        private readonly double _pixelScale = ProtocolSettings.Number(definition, "pixscale", DefaultPixelScale, 0, 60, out _) ?? DefaultPixelScale;
        private readonly string _bands = ProtocolSettings.Text(definition, "bands", DefaultBands);
        private readonly string _root = definition.Endpoint!.TrimEnd('/');

        public SourceDescriptor Descriptor { get; } = descriptor;

        public SourceRequest Plan(SourceSearch search)
        {
            ArgumentNullException.ThrowIfNull(search);
            double ra = search.Position.Ra, dec = search.Position.Dec;
            var (pixels, scale) = ImageLinks.Fit(ImageLinks.FieldArcsec(search, Descriptor), _pixelScale, MaxPixels);
            var common = new List<KeyValuePair<string, string>>
            {
                new("ra", UrlNumber.Exact(ra)),
                new("dec", UrlNumber.Exact(dec)),
                new("layer", _layer),
                new("pixscale", UrlNumber.Short(scale, 4)),
                new("size", pixels.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            var fits = new Uri(QueryString.Append(_root + "/fits-cutout", [.. common, new("bands", _bands)]));
            var jpeg = new Uri(QueryString.Append(_root + "/jpeg-cutout", common));
            return new ComputedRequest(
            [
                new ImageLink(_bands, fits, "image/fits", ra, dec, pixels, scale, _layer),
                new ImageLink("colour", jpeg, "image/jpeg", ra, dec, pixels, scale, _layer),
            ]);
        }

        public Task<SourceAnswer> FetchAsync(SourceRequest request, CancellationToken cancellationToken)
        {
            var images = ((ComputedRequest)request).Images;
            return Task.FromResult(new SourceAnswer
            {
                Table = ImageLinks.Build(images),
                Notes = ["The cutout URLs are computed from the position; the Legacy Surveys viewer makes each image when it is opened, and a position outside the survey gives a blank image."],
            });
        }
    }
}
