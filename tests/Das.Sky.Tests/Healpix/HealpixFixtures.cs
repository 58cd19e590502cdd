using System.Text.Json;

namespace Das.Sky.Tests.Healpix;

/// <summary>Loads the healpy truth files written by Fixtures/make_truth.py.</summary>
internal static class HealpixFixtures
{
    public static JsonElement Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Healpix", "Fixtures", name);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.Clone();
    }

    public static long[] Longs(this JsonElement e) => e.EnumerateArray().Select(x => x.GetInt64()).ToArray();

    public static double[] Doubles(this JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    /// <summary>Angular separation in degrees (Vincenty form, precise at every distance).</summary>
    public static double Separation(double ra1, double dec1, double ra2, double dec2)
    {
        const double d2r = Math.PI / 180;
        var dl = (ra2 - ra1) * d2r;
        var (s1, c1) = Math.SinCos(dec1 * d2r);
        var (s2, c2) = Math.SinCos(dec2 * d2r);
        var (sdl, cdl) = Math.SinCos(dl);
        var num = Math.Sqrt(Math.Pow(c2 * sdl, 2) + Math.Pow((c1 * s2) - (s1 * c2 * cdl), 2));
        var den = (s1 * s2) + (c1 * c2 * cdl);
        return Math.Atan2(num, den) / d2r;
    }

    public const double OneMasInDegrees = 1.0 / 3600 / 1000;
}
