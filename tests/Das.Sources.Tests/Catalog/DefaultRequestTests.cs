namespace Das.Sources.Tests.Catalog;

/// <summary>
/// Every source of the default catalogue, asked about RA 334.02, Dec -7.8988 with FOV 2' and ERR 10", sends exactly
/// the query form its archive documents (the reference section is named per entry). Sources whose coverage excludes
/// that position are asked about a position inside their footprint.
/// </summary>
public sealed class DefaultRequestTests : IAsyncLifetime
{
    // Catalogues search max(ERR, FOV/2) = 1 arcmin; images half the diagonal of the 2' field; SIA 1 SIZE is the 2' side.
    private const string R = "0.016666666666666666";
    private const string RImages = "0.023570226039551584";
    private const string Side = "0.03333333333333333";
    private const string Cone = "POINT('ICRS', 334.02, -7.8988)";

    // §1a: -source, -c=ra±dec, -c.rs (arcsec), -out.max, -out.add=_r, -out.meta=huD, -oc.form=d; Das also sorts by _r.
    private static string Asu(string table, string? columns = null) =>
        "https://vizier.cds.unistra.fr/viz-bin/votable?-source=" + table + "&-c=334.02-7.8988&-c.rs=60&-out.max=2000" +
        "&-out.add=_r&-sort=_r&-out.meta=huD&-oc.form=d" + (columns is null ? "" : "&-out=" + columns);

    // §0: the cone every TAP example uses, nearest first.
    private static string TapCone(string columns, string table, string raColumn = "ra", string decColumn = "dec", string radius = R, long top = 2000) =>
        $"SELECT TOP {top} {columns}, DISTANCE(POINT('ICRS', {raColumn}, {decColumn}), {Cone}) AS das_dist_deg FROM {table} " +
        $"WHERE 1 = CONTAINS(POINT('ICRS', {raColumn}, {decColumn}), CIRCLE('ICRS', 334.02, -7.8988, {radius})) ORDER BY das_dist_deg";

    internal static readonly IReadOnlyDictionary<string, ExpectedRequest> Expected = new Dictionary<string, ExpectedRequest>
    {
        // §3 Gaia DR3 at ESA.
        ["gaia-dr3"] = new ExpectedTap("https://gea.esac.esa.int/tap-server/tap/sync",
            TapCone("source_id, ra, dec, parallax, parallax_error, pmra, pmdec, phot_g_mean_mag, phot_bp_mean_mag, phot_rp_mean_mag", "gaiadr3.gaia_source"), 2000),
        // §2a SIMBAD TAP, the cone as astroquery writes it.
        ["simbad"] = new ExpectedTap("https://simbad.cds.unistra.fr/simbad/sim-tap/sync",
            "SELECT TOP 2000 main_id, ra, dec, otype, rvz_redshift, rvz_type, rvz_qual, rvz_bibcode, " +
            $"DISTANCE(POINT('ICRS', ra, dec), {Cone}) AS das_dist_deg FROM basic " +
            $"WHERE CONTAINS(POINT('ICRS', basic.ra, basic.dec), CIRCLE('ICRS', 334.02, -7.8988, {R})) = 1 ORDER BY das_dist_deg", 2000),
        // §1a VizieR ASU.
        ["vizier-2mass"] = new ExpectedGet(Asu("II/246/out", "2MASS,RAJ2000,DEJ2000,Jmag,e_Jmag,Hmag,e_Hmag,Kmag,e_Kmag,Qflg")),
        ["vizier-allwise"] = new ExpectedGet(Asu("II/328/allwise", "AllWISE,RAJ2000,DEJ2000,W1mag,e_W1mag,W2mag,e_W2mag,W3mag,e_W3mag,W4mag,e_W4mag,ccf,ex")),
        ["vizier-sdss-dr16"] = new ExpectedGet(Asu("V/154/sdss16", "objID,RA_ICRS,DE_ICRS,class,mode,umag,e_umag,gmag,e_gmag,rmag,e_rmag,imag,e_imag,zmag,e_zmag,zsp,e_zsp")),
        // '+' must travel as %2B in ASU (§1a).
        ["vizier-glade-plus"] = new ExpectedGet(Asu("VII/291/gladep", "GLADE%2B,Type,RAJ2000,DEJ2000,Bmag,Kmag,zhelio,zcmb,e_z,dL")),
        ["vizier-milliquas"] = new ExpectedGet(Asu("VII/294/catalog")),
        // §11 NVSS through VizieR.
        ["nvss"] = new ExpectedGet(Asu("VIII/65/nvss", "NVSS,RAJ2000,DEJ2000,S1.4,MajAxis,MinAxis,PA")),
        ["vizier-gaia-dr3"] = new ExpectedGet(Asu("I/355/gaiadr3")),
        ["vizier-first"] = new ExpectedGet(Asu("VIII/92/first14")),
        ["vizier-skymapper-dr4"] = new ExpectedGet(Asu("II/379/smssdr4")),
        // §13 NED TAP.
        ["ned"] = new ExpectedTap("https://ned.ipac.caltech.edu/tap/sync", TapCone("prefname, pretype, ra, dec, z", "NEDTAP.objdir"), 2000),
        // Redshifts (§2a, §13, §1c): SIMBAD's and NED's redshift columns, rows with a redshift only, nearest first;
        // VizieR's tables with a src.redshift column near the position, all columns with their metadata.
        ["simbad-redshifts"] = new ExpectedTap("https://simbad.cds.unistra.fr/simbad/sim-tap/sync",
            "SELECT TOP 500 main_id, ra, dec, otype, rvz_redshift, rvz_err, rvz_type, rvz_nature, rvz_qual, rvz_bibcode, " +
            $"DISTANCE(POINT('ICRS', ra, dec), {Cone}) AS das_dist_deg FROM basic WHERE rvz_redshift IS NOT NULL " +
            $"AND CONTAINS(POINT('ICRS', basic.ra, basic.dec), CIRCLE('ICRS', 334.02, -7.8988, {R})) = 1 ORDER BY das_dist_deg", 500),
        ["ned-redshifts"] = new ExpectedTap("https://ned.ipac.caltech.edu/tap/sync",
            $"SELECT TOP 500 prefname, pretype, ra, dec, z, zunc, zflag, DISTANCE(POINT('ICRS', ra, dec), {Cone}) AS das_dist_deg FROM NEDTAP.objdir " +
            $"WHERE z IS NOT NULL AND CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 334.02, -7.8988, {R})) = 1 ORDER BY das_dist_deg", 500),
        ["vizier-redshifts"] = new ExpectedGet("https://vizier.cds.unistra.fr/viz-bin/votable?-ucd=src.redshift*&-c=334.02-7.8988&-c.rs=60&-out.max=50" +
            "&-out.add=_r&-sort=_r&-out.meta=huD&-oc.form=d&-out=**"),
        // §4 ESO: INTERSECTS on s_region for ObsCore and raw frames; SSA with SIZE the diameter.
        ["eso-obscore"] = new ExpectedTap("https://archive.eso.org/tap_obs/sync",
            "SELECT TOP 1000 target_name, s_ra, s_dec, dp_id, obs_collection, instrument_name, dataproduct_type, access_url FROM ivoa.ObsCore " +
            $"WHERE INTERSECTS(s_region, CIRCLE('ICRS', 334.02, -7.8988, {RImages})) = 1", 1000),
        ["eso-raw"] = new ExpectedTap("https://archive.eso.org/tap_obs/sync",
            "SELECT TOP 1000 object, ra, dec, dp_id, date_obs, prog_id, instrument FROM dbo.raw " +
            $"WHERE INTERSECTS(s_region, CIRCLE('ICRS', 334.02, -7.8988, {RImages})) = 1", 1000),
        ["eso-spectra"] = new ExpectedGet($"http://archive.eso.org/ssap?REQUEST=queryData&POS=334.02,-7.8988&SIZE={Side}"),
        // §5 IRSA.
        ["irsa-allwise"] = new ExpectedTap("https://irsa.ipac.caltech.edu/TAP/sync",
            TapCone("designation, ra, dec, w1mpro, w2mpro, w3mpro, w4mpro", "allwise_p3as_psd"), 2000),
        ["irsa-2mass"] = new ExpectedTap("https://irsa.ipac.caltech.edu/TAP/sync",
            TapCone("ra, dec, j_m, j_msigcom, h_m, h_msigcom, k_m, k_msigcom, ph_qual, cc_flg", "fp_psc"), 2000),
        ["irsa-ztf-lightcurves"] = new ExpectedGet($"https://irsa.ipac.caltech.edu/cgi-bin/ZTF/nph_light_curves?POS=CIRCLE%20334.02%20-7.8988%20{R}&BANDNAME=g,r,i"),
        ["irsa-ztf-ref-images"] = new ExpectedGet($"https://irsa.ipac.caltech.edu/ibe/sia/ztf/products/ref?POS=334.02,-7.8988&SIZE={Side}&INTERSECT=OVERLAPS"),
        ["irsa-ztf-sci-images"] = new ExpectedGet($"https://irsa.ipac.caltech.edu/ibe/sia/ztf/products/sci?POS=334.02,-7.8988&SIZE={Side}&INTERSECT=OVERLAPS"),
        ["irsa-wise-images"] = new ExpectedGet($"https://irsa.ipac.caltech.edu/SIA?POS=CIRCLE%20334.02%20-7.8988%20{RImages}&MAXREC=200&COLLECTION=wise_allwise"),
        // §6 MAST.
        ["ps1-dr2"] = new ExpectedGet($"https://catalogs.mast.stsci.edu/api/v0.1/panstarrs/dr2/mean.votable?ra=334.02&dec=-7.8988&radius={R}&nDetections.gte=1&pagesize=2000" +
            "&columns=%5BobjName,objID,raMean,decMean,nDetections,gMeanPSFMag,gMeanPSFMagErr,rMeanPSFMag,rMeanPSFMagErr,iMeanPSFMag,iMeanPSFMagErr,zMeanPSFMag,zMeanPSFMagErr,yMeanPSFMag,yMeanPSFMagErr%5D"),
        ["ps1-cutouts"] = new ExpectedGet("https://ps1images.stsci.edu/cgi-bin/ps1filenames.py?ra=334.02&dec=-7.8988&filters=grizy"),
        ["tic"] = new ExpectedPost("https://mast.stsci.edu/api/v0/invoke", "request",
            $$"""{"service":"Mast.Catalogs.Tic.Cone","params":{"ra":334.02,"dec":-7.8988,"radius":{{R}}},"format":"json","pagesize":2000,"page":1}"""),
        ["hla-images"] = new ExpectedGet($"https://hla.stsci.edu/cgi-bin/hlaSIAP.cgi?POS=334.02,-7.8988&SIZE={Side}&format=image/fits&imagetype=best&inst=ACS,WFC3,WFPC2"),
        ["mast-obscore"] = new ExpectedTap("https://mast.stsci.edu/vo-tap/api/v0.1/caom/sync",
            TapCone("obs_collection, obs_id, target_name, dataproduct_type, s_ra, s_dec, access_url", "ivoa.obscore", "s_ra", "s_dec", RImages, 500), 500),
        // §7 SkyMapper.
        ["skymapper-dr4"] = new ExpectedTap("https://api.skymapper.nci.org.au/public/tap/sync",
            TapCone("object_id, raj2000, dej2000, u_psf, v_psf, g_psf, r_psf, i_psf, z_psf, flags", "dr4.master", "raj2000", "dej2000"), 2000),
        ["skymapper-images"] = new ExpectedGet($"https://api.skymapper.nci.org.au/public/siap/dr4/query?POS=334.02,-7.8988&SIZE={Side}&BAND=g,r,i&FORMAT=image/fits&INTERSECT=covers&VERB=3"),
        // §8 Data Lab, positions through q3c_radial_query.
        ["ls-dr10"] = new ExpectedTap("https://datalab.noirlab.edu/tap/sync",
            "SELECT TOP 2000 t.ls_id, t.ra, t.dec, t.type, t.mag_g, t.mag_r, t.mag_i, t.mag_z, p.z_phot_median, p.z_phot_l68, p.z_phot_u68, p.z_spec " +
            "FROM ls_dr10.tractor AS t LEFT JOIN ls_dr10.photo_z AS p ON t.ls_id = p.ls_id " +
            $"WHERE 't' = q3c_radial_query(t.ra, t.dec, 334.02, -7.8988, {R})", 2000),
        ["des-dr2"] = new ExpectedTap("https://datalab.noirlab.edu/tap/sync",
            "SELECT TOP 2000 coadd_object_id, ra, dec, mag_auto_g, mag_auto_r, mag_auto_i, mag_auto_z, mag_auto_y FROM des_dr2.main " +
            $"WHERE q3c_radial_query(ra, dec, 334.02, -7.8988, {R})", 2000),
        ["smash-dr2"] = new ExpectedTap("https://datalab.noirlab.edu/tap/sync",
            $"SELECT TOP 2000 * FROM smash_dr2.object WHERE q3c_radial_query(ra, dec, 334.02, -7.8988, {R})", 2000),
        // DECaPS covers the southern Galactic plane only: asked at Sgr A*.
        ["decaps-dr2"] = new ExpectedTap("https://datalab.noirlab.edu/tap/sync",
            $"SELECT TOP 2000 * FROM decaps_dr2.object WHERE q3c_radial_query(ra, dec, 266.4168, -29.0078, {R})", 2000, 266.4168, -29.0078),
        ["vhs-dr5"] = new ExpectedTap("https://datalab.noirlab.edu/tap/sync",
            $"SELECT TOP 2000 * FROM vhs_dr5.vhs_cat_v3 WHERE q3c_radial_query(ra2000, dec2000, 334.02, -7.8988, {R})", 2000),
        ["des-dr2-images"] = new ExpectedGet($"https://datalab.noirlab.edu/sia/des_dr2?POS=334.02,-7.8988&SIZE={Side}&VERB=3"),
        // §9 Legacy Surveys: 120" at 0.262"/px is 458.02 px, so 459.
        ["legacy-cutouts"] = new ExpectedComputed(
        [
            "https://www.legacysurvey.org/viewer/fits-cutout?ra=334.02&dec=-7.8988&layer=ls-dr10&pixscale=0.262&size=459&bands=griz",
            "https://www.legacysurvey.org/viewer/jpeg-cutout?ra=334.02&dec=-7.8988&layer=ls-dr10&pixscale=0.262&size=459",
        ]),
        // §10 Gemini: sr in arcsec; an image source searches half the field's diagonal, 84.853".
        ["gemini"] = new ExpectedGet("https://archive.gemini.edu/jsonsummary/notengineering/NotFail/ra=334.020000/dec=-7.898800/sr=84.853"),
        // §11 RACS through CASDA TAP.
        ["racs-low"] = new ExpectedTap("https://casda.csiro.au/casda_vo_tools/tap/sync",
            TapCone("id, source_name, ra, e_ra, dec, e_dec, total_flux_source, e_total_flux_source, s_code", "AS110.racs_dr1_sources_galacticcut_v2021_08_v02"), 2000),
        // §12 Fink: radius in arcsec.
        ["fink"] = new ExpectedGet("https://api.ztf.fink-portal.org/api/v1/conesearch?ra=334.02&dec=-7.8988&radius=60&n=1000" +
            "&columns=i:objectId,i:ra,i:dec,i:jd,i:magpsf,i:sigmapsf,i:fid,i:ndethist&output-format=json"),
        // §14 HEASARC: every column (HEASARC TAP takes no table.*).
        ["heasarc-chandra"] = new ExpectedTap("https://heasarc.gsfc.nasa.gov/xamin/vo/tap/sync", TapCone("t.*", "chanmaster AS t", top: 500), 500),
    };

    private SourceHarness _harness = null!;

    public ValueTask InitializeAsync()
    {
        _harness = new SourceHarness();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    public static TheoryData<string> Ids => [.. Expected.Keys];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Request_is_the_archive_s_documented_query_form(string id)
    {
        var expected = Expected[id];
        var source = _harness.Defaults.Find(id);
        Assert.NotNull(source);
        // The position chosen for the test must be one the engine would ask this source about.
        if (source.Descriptor.Coverage is { } coverage)
        {
            Assert.True(coverage.Contains(expected.Ra, expected.Dec), $"{id}: its coverage excludes the test position");
        }
        expected.Check(source.Plan(SourceHarness.Search(source, expected.Ra, expected.Dec)));
    }

    [Fact]
    public void Every_default_source_has_its_expected_request()
    {
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), _harness.Defaults.Sources.Select(s => s.Descriptor.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_test_position_is_outside_DECaPS_so_it_is_asked_about_the_Galactic_centre()
    {
        Assert.False(_harness.Defaults.Find("decaps-dr2")!.Descriptor.Coverage!.OverlapsCone(334.02, -7.8988, 1 / 60.0));
    }

    [Theory]
    [InlineData("vizier-2mass", "https://vizier.cds.unistra.fr/viz-bin/votable?-source=II/246/out&-c=160.252083%2B41.268611&-c.rs=60")]
    [InlineData("nvss", "https://vizier.cds.unistra.fr/viz-bin/votable?-source=VIII/65/nvss&-c=160.252083%2B41.268611&-c.rs=60")]
    [InlineData("gemini", "https://archive.gemini.edu/jsonsummary/notengineering/NotFail/ra=160.252083/dec=41.268611/sr=84.853")]
    [InlineData("ps1-cutouts", "https://ps1images.stsci.edu/cgi-bin/ps1filenames.py?ra=160.252083&dec=41.268611&filters=grizy")]
    [InlineData("fink", "https://api.ztf.fink-portal.org/api/v1/conesearch?ra=160.252083&dec=41.268611&radius=60&n=1000")]
    public void A_northern_position_keeps_its_sign_in_the_documented_form(string id, string expectedStart)
    {
        var source = _harness.Defaults.Find(id)!;
        var sent = ExpectedRequest.Sent(source.Plan(SourceHarness.Search(source, 160.252083, 41.268611)));
        Assert.StartsWith(expectedStart, sent.Url.AbsoluteUri, StringComparison.Ordinal);
    }
}
