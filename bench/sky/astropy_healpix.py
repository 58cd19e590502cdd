#!/usr/bin/python3
"""Times astropy-healpix and healpy on the work of bench/Das.Benchmarks/Sky/HealpixBenchmarks.cs.

Prints key=value lines, times in microseconds (per point for ang2pix, per call for cone searches):
    astropy_ang2pix_nest10_us=…   healpy_ang2pix_nest10_us=…   (also _nest29_, _ring10_)
    astropy_cone_1deg_o10_us=…    healpy_disc_1deg_o10_us=…    (also 10deg_o10, 1arcmin_o16)
astropy-healpix: lonlat_to_healpix / cone_search_lonlat (with astropy units, as users call them);
healpy: ang2pix(lonlat=True) / query_disc(inclusive=True, fact=4), the same rule Das uses.
"""
import os
import sys
import time

# This file is named like the package it times: keep its own folder off the import path.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import astropy.units as u  # noqa: E402
import astropy_healpix  # noqa: E402
import healpy as hp  # noqa: E402
import numpy as np  # noqa: E402

N = 1_000_000
CONE = (83.6331, 22.0145)


def points():
    # Same points and order as HealpixBenchmarks.Points(): Fibonacci sphere, scrambled by i*611953 mod N.
    i = np.arange(N, dtype=np.int64)
    k = (i * 611953) % N
    dec = np.degrees(np.arcsin(2.0 * (k + 0.5) / N - 1.0))
    ra = np.mod(k * (180.0 * (3.0 - np.sqrt(5.0))), 360.0)
    return ra, dec


def best(fn, repeat, number=None):
    """Best of `repeat` runs of `number` calls (by default as many calls as fit in about 0.3 s)."""
    if number is None:
        t0 = time.perf_counter()
        fn()
        first = time.perf_counter() - t0
        if first > 1.0:
            return first  # astropy-healpix takes ~30 s for a 10° cone at order 10: one sample is enough
        number = max(1, min(1000, int(0.3 / max(first, 1e-6))))
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return min(times)


def main():
    ra, dec = points()
    lon, lat = ra * u.deg, dec * u.deg
    out = {}
    for name, order, scheme in (("nest10", 10, "nested"), ("nest29", 29, "nested"), ("ring10", 10, "ring")):
        nside = 1 << order
        out[f"astropy_ang2pix_{name}_us"] = best(lambda: astropy_healpix.lonlat_to_healpix(lon, lat, nside, order=scheme), 3, 1) / N * 1e6
        out[f"healpy_ang2pix_{name}_us"] = best(lambda: hp.ang2pix(nside, ra, dec, nest=scheme == "nested", lonlat=True), 3, 1) / N * 1e6

    vec = hp.ang2vec(CONE[0], CONE[1], lonlat=True)
    for name, order, radius_deg in (("1deg_o10", 10, 1.0), ("10deg_o10", 10, 10.0), ("1arcmin_o16", 16, 1.0 / 60)):
        nside = 1 << order
        grid = astropy_healpix.HEALPix(nside=nside, order="nested")
        out[f"astropy_cone_{name}_us"] = best(
            lambda: grid.cone_search_lonlat(CONE[0] * u.deg, CONE[1] * u.deg, radius_deg * u.deg), 3) * 1e6
        out[f"healpy_disc_{name}_us"] = best(
            lambda: hp.query_disc(nside, vec, np.radians(radius_deg), inclusive=True, fact=4, nest=True), 3) * 1e6
    for k, v in out.items():
        print(f"{k}={v:.6f}")


if __name__ == "__main__":
    main()
