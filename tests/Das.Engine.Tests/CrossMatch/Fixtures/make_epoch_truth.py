"""Inputs for the epoch-propagation cross-match tests, made with astropy (apply_space_motion).

Run with Debian's Python:  /usr/bin/python3 make_epoch_truth.py   (outputs committed; CI never regenerates them;
moving_j2016.vot and seen_j2000.csv are copied to tests/Das.Cli.Tests/Commands/Fixtures for das xmatch --epoch)

moving_j2016.vot  300 stars near RA 150, Dec 30 at epoch J2016.0 (COOSYS epoch="J2016.0"), with pmra (times cos dec)
                  and pmdec in mas/yr (UCD pos.pm;pos.eq.ra / pos.pm;pos.eq.dec); one in five moves faster than 1"/yr.
moving_j2016.csv  the same stars as CSV, with a ref_epoch column (2016.0) instead of the COOSYS.
seen_j2000.csv    where astropy puts each star at J2000.0 (id = the star's id), plus a 0.02" scatter.
"""
import csv
import warnings

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.time import Time

warnings.simplefilter("ignore")
rng = np.random.default_rng(20261204)
n = 300
ra = rng.uniform(150.0, 150.2, n)
dec = rng.uniform(30.0, 30.2, n)
pmra = rng.normal(0, 150, n)
pmdec = rng.normal(0, 150, n)
fast = rng.random(n) < 0.2
pmra[fast] *= 10
pmdec[fast] *= 10

c = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, pm_ra_cosdec=pmra * u.mas / u.yr, pm_dec=pmdec * u.mas / u.yr,
             obstime=Time("J2016.0"))
then = c.apply_space_motion(new_obstime=Time("J2000.0"))
pa = rng.uniform(0, 360, n) * u.deg
seen = then.directional_offset_by(pa, rng.uniform(0, 0.02, n) * u.arcsec)

rows = "\n".join(f"<TR><TD>{i}</TD><TD>{ra[i]!r}</TD><TD>{dec[i]!r}</TD><TD>{pmra[i]!r}</TD><TD>{pmdec[i]!r}</TD></TR>"
                 for i in range(n))
with open("moving_j2016.vot", "w") as f:
    f.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
<RESOURCE type="results">
<COOSYS ID="gaia" system="ICRS" epoch="J2016.0"/>
<TABLE name="moving">
<FIELD name="source_id" datatype="long" ucd="meta.id;meta.main"/>
<FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra;meta.main" ref="gaia"/>
<FIELD name="dec" datatype="double" unit="deg" ucd="pos.eq.dec;meta.main" ref="gaia"/>
<FIELD name="pmra" datatype="double" unit="mas.yr-1" ucd="pos.pm;pos.eq.ra"/>
<FIELD name="pmdec" datatype="double" unit="mas.yr-1" ucd="pos.pm;pos.eq.dec"/>
<DATA><TABLEDATA>
{rows}
</TABLEDATA></DATA>
</TABLE>
</RESOURCE>
</VOTABLE>
""")
with open("moving_j2016.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["source_id", "ra", "dec", "pmra", "pmdec", "ref_epoch"])
    for i in range(n):
        w.writerow([i, repr(ra[i]), repr(dec[i]), repr(pmra[i]), repr(pmdec[i]), "2016.0"])
with open("seen_j2000.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "ra", "dec"])
    for i in range(n):
        w.writerow([i, repr(seen.ra.deg[i]), repr(seen.dec.deg[i])])
print(n, "stars,", int(fast.sum()), "fast")
