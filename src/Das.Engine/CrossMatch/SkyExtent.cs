namespace Das.Engine.CrossMatch;

/// <summary>The smallest-ish cone holding a list of positions: centred on their mean direction, reaching the farthest.</summary>
internal readonly record struct SkyExtent(double Ra, double Dec, double RadiusDeg, int ValidRows)
{
    private const double DegToRad = Math.PI / 180.0;

    public static SkyExtent Of(double[] ra, double[] dec)
    {
        double x = 0, y = 0, z = 0;
        int valid = 0;
        for (int i = 0; i < ra.Length; i++)
        {
            if (!(double.IsFinite(ra[i]) && dec[i] is >= -90 and <= 90))
            {
                continue;
            }
            double a = ra[i] * DegToRad, d = dec[i] * DegToRad;
            x += Math.Cos(d) * Math.Cos(a);
            y += Math.Cos(d) * Math.Sin(a);
            z += Math.Sin(d);
            valid++;
        }
        double norm = Math.Sqrt((x * x) + (y * y) + (z * z));
        if (valid == 0 || norm < 1e-9 * valid)
        {
            return new SkyExtent(0, 0, 180, valid);
        }
        x /= norm;
        y /= norm;
        z /= norm;
        double cosMin = 1.0;
        for (int i = 0; i < ra.Length; i++)
        {
            if (!(double.IsFinite(ra[i]) && dec[i] is >= -90 and <= 90))
            {
                continue;
            }
            double a = ra[i] * DegToRad, d = dec[i] * DegToRad;
            cosMin = Math.Min(cosMin, (x * Math.Cos(d) * Math.Cos(a)) + (y * Math.Cos(d) * Math.Sin(a)) + (z * Math.Sin(d)));
        }
        double raC = Math.Atan2(y, x) / DegToRad;
        // A little margin: acos loses precision for tiny angles, and the cone must hold every position.
        double radius = Math.Min(180.0, (Math.Acos(Math.Clamp(cosMin, -1.0, 1.0)) / DegToRad) + (1.0 / 3600.0));
        return new SkyExtent(raC < 0 ? raC + 360.0 : raC, Math.Asin(Math.Clamp(z, -1.0, 1.0)) / DegToRad, radius, valid);
    }
}
