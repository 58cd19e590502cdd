#!/usr/bin/python3
"""Truth for the mosaic tests: how well a Montage mosaic agrees with its input images, computed independently with
astropy WCS and scipy interpolation. For every mosaic pixel away from any input's edge, each input covering it is
sampled (bilinear) at the same sky position and the inputs are averaged (mAdd's mean); the residual mosaic - truth is
summarised. Also prints astropy's sky position of a few mosaic pixels, to check Das's TanWcs.

Usage: /usr/bin/python3 compare_mosaic.py MOSAIC.fits INPUT.fits... ; prints one JSON object.
"""
import json
import sys
import warnings

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS, FITSFixedWarning
from scipy.ndimage import map_coordinates

warnings.simplefilter("ignore", FITSFixedWarning)
MARGIN = 2.0  # pixels: resampling at an image's edge mixes in "no data"; compare only well inside or well outside

mosaic_path, inputs = sys.argv[1], sys.argv[2:]
with fits.open(mosaic_path) as hdul:
    mosaic = hdul[0].data.astype(np.float64)
    mwcs = WCS(hdul[0].header)
ny, nx = mosaic.shape
yy, xx = np.mgrid[0:ny, 0:nx]
ra, dec = mwcs.pixel_to_world_values(xx.ravel(), yy.ravel())

total = np.zeros(ra.size)
count = np.zeros(ra.size)
ambiguous = np.zeros(ra.size, dtype=bool)
for path in inputs:
    with fits.open(path) as hdul:
        data = hdul[0].data.astype(np.float64)
        w = WCS(hdul[0].header)
    x, y = w.world_to_pixel_values(ra, dec)
    h, wdt = data.shape
    inside = (x >= MARGIN) & (x <= wdt - 1 - MARGIN) & (y >= MARGIN) & (y <= h - 1 - MARGIN)
    outside = (x < -0.5 - MARGIN) | (x > wdt - 0.5 + MARGIN) | (y < -0.5 - MARGIN) | (y > h - 0.5 + MARGIN)
    ambiguous |= ~inside & ~outside
    values = map_coordinates(data, [y[inside], x[inside]], order=1)
    total[inside] += values
    count[inside] += 1

m = mosaic.ravel()
valid = (count > 0) & ~ambiguous & np.isfinite(m)
truth = total[valid] / count[valid]
got = m[valid]
resid = got - truth
sky = np.median(got)
noise = 1.4826 * np.median(np.abs(got - sky))
corners = [(0.0, 0.0), (nx - 1.0, 0.0), (nx - 1.0, ny - 1.0), ((nx - 1) / 2.0, (ny - 1) / 2.0)]
world = [list(map(float, mwcs.pixel_to_world_values(cx, cy))) for cx, cy in corners]
print(json.dumps({
    "pixels_compared": int(valid.sum()),
    "pixels_with_3_inputs": int(((count == 3) & valid).sum()),
    "noise": float(noise),
    "median_abs_residual": float(np.median(np.abs(resid))),
    "p99_abs_residual": float(np.percentile(np.abs(resid), 99)),
    "mean_residual": float(resid.mean()),
    "correlation": float(np.corrcoef(got, truth)[0, 1]),
    "flux_ratio": float(got.sum() / truth.sum()),
    # FITS 1-based pixel positions and astropy's (ra, dec) for them
    "wcs_samples": [{"x": cx + 1, "y": cy + 1, "ra": wv[0], "dec": wv[1]} for (cx, cy), wv in zip(corners, world)],
}))
