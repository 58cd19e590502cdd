#!/usr/bin/env python3
"""Writes images/job-east.fits and images/job-west.fits: the two FITS images the image-jobs browser test downloads,
builds a HiPS and a mosaic from.

astropy (Debian's python3-astropy). Two 96 x 96 fields of 2 arcsec pixels, TAN, north up, centred 40 arcsec east and
west of RA 334.02, Dec -7.8988 (the position the tests query) so they overlap in the middle; a sloping background and
Gaussian blobs at fixed places, float32. The outputs are committed; tests never regenerate them.
Usage: /usr/bin/python3 make_job_fits.py
"""
import math
import os

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS

RA0, DEC0 = 334.02, -7.8988
N = 96
SCALE = 2.0 / 3600.0


def field(offset_arcsec, blobs, name):
    wcs = WCS(naxis=2)
    wcs.wcs.ctype = ["RA---TAN", "DEC--TAN"]
    wcs.wcs.crval = [RA0 + offset_arcsec / 3600.0 / math.cos(math.radians(DEC0)), DEC0]
    wcs.wcs.crpix = [N / 2 + 0.5, N / 2 + 0.5]
    wcs.wcs.cdelt = [-SCALE, SCALE]
    wcs.wcs.radesys = "ICRS"
    y, x = np.mgrid[0:N, 0:N].astype(np.float32)
    data = 100.0 + 0.3 * x + 0.2 * y
    for (x0, y0, flux, sigma) in blobs:
        data += flux * np.exp(-((x - x0) ** 2 + (y - y0) ** 2) / (2 * sigma * sigma))
    header = wcs.to_header()
    header["OBJECT"] = "Das image-jobs test field"
    header["FILTER"] = "r"
    header["EXPTIME"] = 120.0
    header["BUNIT"] = "adu"
    here = os.path.dirname(os.path.abspath(__file__))
    fits.PrimaryHDU(data.astype(np.float32), header=header).writeto(os.path.join(here, "images", name), overwrite=True)


def main():
    field(40.0, [(48, 48, 4000.0, 3.0), (20, 70, 1500.0, 2.0)], "job-east.fits")
    field(-40.0, [(48, 48, 3000.0, 3.0), (75, 25, 2500.0, 2.5)], "job-west.fits")


if __name__ == "__main__":
    main()
