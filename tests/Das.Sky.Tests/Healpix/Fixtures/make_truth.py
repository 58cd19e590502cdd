#!/usr/bin/python3
"""Writes the HEALPix and MOC truth fixtures used by Das.Sky.Tests.

Run with the Debian interpreter (astropy 5.2, astropy_healpix, healpy 1.16):

    /usr/bin/python3 tests/Das.Sky.Tests/Healpix/Fixtures/make_truth.py

Outputs (committed; CI never regenerates them):
    Healpix/Fixtures/ang2pix.json     ang2pix at orders 0,1,5,10,13,20,29, NESTED and RING
    Healpix/Fixtures/pix2ang.json     pixel centres, nest2ring / ring2nest
    Healpix/Fixtures/neighbours.json  healpy get_all_neighbours (SW, W, NW, N, NE, E, SE, S)
    Healpix/Fixtures/corners.json     healpy boundaries(step=1): N, W, S, E corners
    Healpix/Fixtures/query_disc.json  query_disc exclusive and inclusive (fact=4), both schemes
    Healpix/Fixtures/query_polygon.json query_polygon exclusive and inclusive (fact=4), both schemes
    Moc/Fixtures/astropy_moc2.fits    MOC 2.0 FITS written by hand from the spec with astropy.io.fits
    Moc/Fixtures/astropy_moc1.fits    MOC 1.0 FITS (MOCORDER, 32-bit NUNIQ, no MOCVERS)
"""
import json
import os

import healpy as hp
import numpy as np
from astropy.io import fits

HERE = os.path.dirname(os.path.abspath(__file__))
MOC_DIR = os.path.join(HERE, "..", "..", "Moc", "Fixtures")
ORDERS = [0, 1, 5, 10, 13, 20, 29]
rng = np.random.default_rng(20261124)
Z23 = float(np.degrees(np.arcsin(2.0 / 3.0)))


def dump(name, obj, folder=HERE):
    with open(os.path.join(folder, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


def edge_points():
    pts = []
    for dec in [90.0, -90.0, 0.0, Z23, -Z23, Z23 + 1e-9, Z23 - 1e-9, -Z23 + 1e-9, -Z23 - 1e-9,
                89.999999, -89.999999, 89.9999999999, -89.9999999999, 45.0, -45.0, 60.0, 30.0]:
        for ra in [0.0, 360.0, 359.9999999999, 1e-12, 45.0, 90.0, 135.0, 180.0, 225.0, 270.0, 315.0, 12.3456]:
            pts.append((ra, dec))
    return pts


def random_points(n, polar=False):
    ra = rng.uniform(0.0, 360.0, n)
    if polar:
        dec = 90.0 - rng.uniform(0.0, 0.1, n)
        dec[::2] *= -1.0
    else:
        dec = np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, n)))
    return list(zip(ra.tolist(), dec.tolist()))


def ang2pix_fixture():
    pts = edge_points() + random_points(200) + random_points(40, polar=True)
    ra = np.array([p[0] for p in pts])
    dec = np.array([p[1] for p in pts])
    out = {"ra": ra.tolist(), "dec": dec.tolist(), "orders": {}}
    for o in ORDERS:
        nside = 1 << o
        out["orders"][str(o)] = {
            "nest": hp.ang2pix(nside, ra, dec, nest=True, lonlat=True).tolist(),
            "ring": hp.ang2pix(nside, ra, dec, nest=False, lonlat=True).tolist(),
        }
    dump("ang2pix.json", out)


def sample_pixels(o, n):
    nside = 1 << o
    npix = 12 * nside * nside
    fixed = {0, npix - 1, npix // 2, 2 * nside * (nside - 1), npix - 2 * nside * (nside - 1), 4 * nside * nside}
    fixed = {p for p in fixed if 0 <= p < npix}
    # face corners in NESTED: first and last pixel of each face and its x / y extremes
    npface = nside * nside
    for f in range(12):
        fixed.add(f * npface)
        fixed.add(f * npface + npface - 1)
        if o > 0:
            fixed.add(f * npface + int("01" * o, 2))  # x = 0, y = max
            fixed.add(f * npface + int("10" * o, 2) if o > 0 else f * npface)
    rnd = rng.integers(0, npix, n, dtype=np.int64).tolist() if npix > n else list(range(npix))
    return sorted(fixed | set(int(p) for p in rnd))


def pix2ang_fixture():
    out = {}
    for o in ORDERS:
        nside = 1 << o
        pix = np.array(sample_pixels(o, 60), dtype=np.int64)
        lon_n, lat_n = hp.pix2ang(nside, pix, nest=True, lonlat=True)
        lon_r, lat_r = hp.pix2ang(nside, pix, nest=False, lonlat=True)
        out[str(o)] = {
            "pix": pix.tolist(),
            "nest_ra": lon_n.tolist(), "nest_dec": lat_n.tolist(),
            "ring_ra": lon_r.tolist(), "ring_dec": lat_r.tolist(),
            "nest2ring": hp.nest2ring(nside, pix).tolist(),
            "ring2nest": hp.ring2nest(nside, pix).tolist(),
        }
    dump("pix2ang.json", out)


def neighbours_fixture():
    out = {}
    for o in [0, 1, 2, 5, 10, 29]:
        nside = 1 << o
        pix = np.array(sample_pixels(o, 30), dtype=np.int64)
        out[str(o)] = {
            "pix": pix.tolist(),
            "nest": hp.get_all_neighbours(nside, pix, nest=True).T.tolist(),
            "ring": hp.get_all_neighbours(nside, pix, nest=False).T.tolist(),
        }
    dump("neighbours.json", out)


def corners_fixture():
    out = {}
    for o in [0, 1, 5, 10, 29]:
        nside = 1 << o
        pix = np.array(sample_pixels(o, 20), dtype=np.int64)
        entry = {"pix": pix.tolist()}
        for scheme, nest in (("nest", True), ("ring", False)):
            b = hp.boundaries(nside, pix, step=1, nest=nest)  # (n, 3, 4)
            ras, decs = [], []
            for k in range(len(pix)):
                lon, lat = hp.vec2ang(b[k].T, lonlat=True)
                ras.append(lon.tolist())
                decs.append(lat.tolist())
            entry[scheme + "_ra"] = ras
            entry[scheme + "_dec"] = decs
        out[str(o)] = entry
    dump("corners.json", out)


def query_disc_fixture():
    discs = [
        # ra, dec, radius (deg), order
        (10.0, 20.0, 3.0, 6),
        (0.0, 0.0, 5.0, 5),  # across ra = 0
        (359.5, -12.0, 2.0, 7),
        (123.4, 89.0, 4.0, 6),  # over the north pole
        (200.0, -88.5, 2.5, 6),  # over the south pole
        (45.0, 41.8103, 2.0, 7),  # on z = 2/3
        (270.0, -41.8103, 1.0, 8),
        (83.6331, 22.0145, 1.0, 9),  # Crab, 1 degree
        (180.0, 0.0, 0.05, 13),
        (33.0, 66.0, 30.0, 3),  # big
        (0.0, 90.0, 10.0, 4),
        (300.0, -30.0, 0.2, 10),
    ]
    out = []
    for ra, dec, r, o in discs:
        nside = 1 << o
        vec = hp.ang2vec(ra, dec, lonlat=True)
        rad = np.radians(r)
        out.append({
            "ra": ra, "dec": dec, "radius": r, "order": o,
            "nest_exclusive": hp.query_disc(nside, vec, rad, inclusive=False, nest=True).tolist(),
            "nest_inclusive": hp.query_disc(nside, vec, rad, inclusive=True, fact=4, nest=True).tolist(),
            "ring_exclusive": sorted(hp.query_disc(nside, vec, rad, inclusive=False, nest=False).tolist()),
            "ring_inclusive": sorted(hp.query_disc(nside, vec, rad, inclusive=True, fact=4, nest=False).tolist()),
        })
    dump("query_disc.json", out)


def query_polygon_fixture():
    polys = [
        ([10.0, 20.0, 20.0, 10.0], [10.0, 10.0, 20.0, 20.0], 6),
        ([350.0, 10.0, 0.0], [-5.0, -5.0, 8.0], 6),  # across ra = 0
        ([0.0, 90.0, 180.0, 270.0], [80.0, 80.0, 80.0, 80.0], 5),  # around the north pole
        ([100.0, 101.0, 100.5], [-41.0, -41.5, -42.5], 9),
        ([200.0, 230.0, 240.0, 220.0, 195.0], [10.0, 12.0, 30.0, 40.0, 25.0], 5),
    ]
    out = []
    for ra, dec, o in polys:
        nside = 1 << o
        verts = hp.ang2vec(np.array(ra), np.array(dec), lonlat=True)
        out.append({
            "ra": ra, "dec": dec, "order": o,
            "nest_exclusive": sorted(hp.query_polygon(nside, verts, inclusive=False, nest=True).tolist()),
            "nest_inclusive": sorted(hp.query_polygon(nside, verts, inclusive=True, fact=4, nest=True).tolist()),
            "ring_exclusive": sorted(hp.query_polygon(nside, verts, inclusive=False, nest=False).tolist()),
            "ring_inclusive": sorted(hp.query_polygon(nside, verts, inclusive=True, fact=4, nest=False).tolist()),
        })
    dump("query_polygon.json", out)


def moc_fits_fixtures():
    # MOC 2.0 space MOC: 3/1-3 5 8/12-14 (and nothing else), max order 8.
    # NUNIQ = 4 * 4**order + ipix
    uniq = [4 * 4**3 + i for i in (1, 2, 3, 5)] + [4 * 4**8 + i for i in (12, 13, 14)]
    col = fits.Column(name="UNIQ", format="K", array=np.array(uniq, dtype=np.int64))
    hdu = fits.BinTableHDU.from_columns([col])
    h = hdu.header
    h["PIXTYPE"] = "HEALPIX"
    h["ORDERING"] = "NUNIQ"
    h["COORDSYS"] = "C"
    h["MOCVERS"] = "2.0"
    h["MOCDIM"] = "SPACE"
    h["MOCORD_S"] = 8
    h["MOCTOOL"] = "astropy.io.fits (make_truth.py)"
    fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(os.path.join(MOC_DIR, "astropy_moc2.fits"), overwrite=True)

    # MOC 1.0: 32-bit NUNIQ, MOCORDER, no MOCVERS; cells 0/4 2/100-101 5/2000, max order 6 (empty).
    uniq1 = [4 + 4, 4 * 16 + 100, 4 * 16 + 101, 4 * 4**5 + 2000]
    col = fits.Column(name="UNIQ", format="J", array=np.array(uniq1, dtype=np.int32))
    hdu = fits.BinTableHDU.from_columns([col])
    h = hdu.header
    h["PIXTYPE"] = "HEALPIX"
    h["ORDERING"] = "NUNIQ"
    h["COORDSYS"] = "C"
    h["MOCORDER"] = 6
    h["MOCTOOL"] = "astropy.io.fits (make_truth.py)"
    fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(os.path.join(MOC_DIR, "astropy_moc1.fits"), overwrite=True)


if __name__ == "__main__":
    os.makedirs(MOC_DIR, exist_ok=True)
    ang2pix_fixture()
    pix2ang_fixture()
    neighbours_fixture()
    corners_fixture()
    query_disc_fixture()
    query_polygon_fixture()
    moc_fits_fixtures()
