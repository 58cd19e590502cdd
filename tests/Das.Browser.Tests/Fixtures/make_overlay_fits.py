#!/usr/bin/env python3
"""Writes images/field.fits: the small FITS image an archive's image list offers in the browser tests' overlay test.

astropy (Debian's python3-astropy). 64 x 64 pixels of 2 arcsec, TAN projection centred on RA 334.02, Dec -7.8988
(the position the tests query), a smooth background and three Gaussian blobs, float32. The output is committed;
tests never regenerate it. Usage: /usr/bin/python3 make_overlay_fits.py
"""
import os

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS

RA0, DEC0 = 334.02, -7.8988
N = 64
SCALE = 2.0 / 3600.0


def main():
    wcs = WCS(naxis=2)
    wcs.wcs.ctype = ["RA---TAN", "DEC--TAN"]
    wcs.wcs.crval = [RA0, DEC0]
    wcs.wcs.crpix = [N / 2 + 0.5, N / 2 + 0.5]
    wcs.wcs.cdelt = [-SCALE, SCALE]
    wcs.wcs.radesys = "ICRS"
    y, x = np.mgrid[0:N, 0:N].astype(np.float32)
    data = 100.0 + 0.5 * x
    for (x0, y0, flux, sigma) in [(32, 32, 5000.0, 3.0), (14, 40, 2000.0, 2.0), (48, 16, 3000.0, 2.5)]:
        data += flux * np.exp(-((x - x0) ** 2 + (y - y0) ** 2) / (2 * sigma * sigma))
    header = wcs.to_header()
    header["OBJECT"] = "Das overlay test field"
    header["BUNIT"] = "adu"
    here = os.path.dirname(os.path.abspath(__file__))
    fits.PrimaryHDU(data.astype(np.float32), header=header).writeto(os.path.join(here, "images", "field.fits"), overwrite=True)


if __name__ == "__main__":
    main()
