"""Truth for proper-motion propagation: astropy SkyCoord.apply_space_motion (ERFA pmsafe).

Run with Debian's Python (astropy):  /usr/bin/python3 make_truth.py
Writes proper_motion.json (committed; CI never regenerates it). Each case: ra, dec (deg), pmra (mas/yr, times
cos dec), pmdec (mas/yr), from and to (Julian epochs), and astropy's ra/dec at the target epoch. No distance and no
radial velocity are given, as in a catalogue without parallaxes; ERFA then assumes a large distance, and its
light-time and distance-override terms leave it up to ~1 mas from pure straight-line motion for the fastest cases
(most agree to 1e-6 arcsec).
"""
import json
import warnings

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.time import Time

warnings.simplefilter("ignore")
rng = np.random.default_rng(20261204)

cases = [
    # Barnard's star (Gaia DR3 J2016.0) back to J2000; fast movers; the poles; RA 0/360; a Besselian epoch.
    (269.44850252, 4.73942032, -801.551, 10362.394, "J2016.0", "J2000.0"),
    (269.44850252, 4.73942032, -801.551, 10362.394, "J2016.0", "J2030.5"),
    (0.0005, 10.0, -500.0, 0.0, "J2016.0", "J2000.0"),
    (359.9995, -10.0, 500.0, 0.0, "J2016.0", "J2000.0"),
    (120.0, 89.9999, 2000.0, 1500.0, "J2016.0", "J2000.0"),
    (300.0, -89.9999, -2000.0, -1500.0, "J2016.0", "J2000.0"),
    (83.63, 22.01, 5.0, -3.0, "B1950.0", "J2016.0"),
]
for _ in range(40):
    cases.append((float(rng.uniform(0, 360)), float(np.degrees(np.arcsin(rng.uniform(-1, 1)))),
                  float(rng.normal(0, 300)), float(rng.normal(0, 300)), "J2016.0",
                  "J%.1f" % rng.uniform(1990, 2030)))

out = []
for ra, dec, pmra, pmdec, frm, to in cases:
    c = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, pm_ra_cosdec=pmra * u.mas / u.yr, pm_dec=pmdec * u.mas / u.yr,
                 obstime=Time(frm))
    n = c.apply_space_motion(new_obstime=Time(to))
    out.append({"ra": ra, "dec": dec, "pmra": pmra, "pmdec": pmdec, "from": frm, "to": to,
                "ra_to": float(n.ra.deg), "dec_to": float(n.dec.deg)})
with open("proper_motion.json", "w") as f:
    json.dump(out, f, indent=1)
print(len(out), "cases")
