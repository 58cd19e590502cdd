#!/usr/bin/env python3
"""Writes a small synthetic sky image (FITS, TAN projection) for the browser tests' local HiPS.

Standard library only. A 0.3 deg field centred on RA 334.02, Dec -7.8988 (the position the tests query), 1.5 arcsec
pixels, a faint background with noise and a few dozen Gaussian "stars" at fixed pseudo-random places (seeded), so the
sky view shows something recognisable. Usage: make_sky_fits.py OUT.fits
"""
import math
import random
import struct
import sys

RA0, DEC0 = 334.02, -7.8988
NPIX = 720
SCALE = 1.5 / 3600.0  # degrees per pixel


def card(key, value=None, comment=""):
    if value is None:
        text = key.ljust(80)
    else:
        if isinstance(value, bool):
            v = "T" if value else "F"
            v = v.rjust(20)
        elif isinstance(value, str):
            v = ("'" + value.ljust(8) + "'").ljust(20)
        elif isinstance(value, int):
            v = str(value).rjust(20)
        else:
            v = repr(float(value)).upper().rjust(20)
        text = f"{key:<8}= {v}" + (f" / {comment}" if comment else "")
    return text[:80].ljust(80)


def main(path):
    rng = random.Random(20261125)
    stars = [(rng.uniform(20, NPIX - 20), rng.uniform(20, NPIX - 20), rng.uniform(200, 4000), rng.uniform(1.2, 3.0))
             for _ in range(60)]
    stars.append((NPIX / 2, NPIX / 2, 9000, 3.5))  # the target itself
    data = [[100.0 + rng.gauss(0, 4) for _ in range(NPIX)] for _ in range(NPIX)]
    for (x0, y0, flux, sigma) in stars:
        r = int(4 * sigma) + 1
        for y in range(max(0, int(y0) - r), min(NPIX, int(y0) + r + 1)):
            row = data[y]
            for x in range(max(0, int(x0) - r), min(NPIX, int(x0) + r + 1)):
                row[x] += flux * math.exp(-((x - x0) ** 2 + (y - y0) ** 2) / (2 * sigma * sigma))
    header = [
        card("SIMPLE", True), card("BITPIX", -32), card("NAXIS", 2), card("NAXIS1", NPIX), card("NAXIS2", NPIX),
        card("CTYPE1", "RA---TAN"), card("CTYPE2", "DEC--TAN"), card("CRVAL1", RA0), card("CRVAL2", DEC0),
        card("CRPIX1", NPIX / 2 + 0.5), card("CRPIX2", NPIX / 2 + 0.5), card("CDELT1", -SCALE), card("CDELT2", SCALE),
        card("RADESYS", "ICRS"), card("EQUINOX", 2000.0), card("BUNIT", "adu"),
        card("OBJECT", "synthetic field for Das browser tests"), card("END"),
    ]
    head = "".join(header)
    head += " " * (-len(head) % 2880)
    body = b"".join(struct.pack(">%df" % NPIX, *row) for row in data)
    body += b"\0" * (-len(body) % 2880)
    with open(path, "wb") as f:
        f.write(head.encode("ascii"))
        f.write(body)


if __name__ == "__main__":
    main(sys.argv[1])
