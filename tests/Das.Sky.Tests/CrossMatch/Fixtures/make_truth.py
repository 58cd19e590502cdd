"""Generates the cross-match inputs and their truth from astropy and STILTS.

Run once with Debian's Python (astropy) and Debian's stilts on PATH:
    /usr/bin/python3 make_truth.py
The outputs are committed; CI never regenerates them.

Inputs: b.csv (20 000 rows) and a.csv (2 000 rows), columns id,ra,dec in degrees, in four patches chosen to provoke
the edge cases: one straddling RA 0/360, one cap at each pole, one ordinary field. B has exact duplicates and close
clusters, so some A rows have several B rows within the radius; A holds perturbed and exact copies of B rows plus
random positions.
Truth (radius 5 arcsec), each a CSV a_id,b_id,sep_arcsec:
  astropy_all.csv   SkyCoord.search_around_sky
  astropy_best.csv  SkyCoord.match_to_catalog_sky, kept when sep <= radius
  stilts_all.csv, stilts_best1.csv, stilts_best.csv   stilts tmatch2 find=all|best1|best
"""
import csv
import subprocess

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord

RADIUS = 5.0
rng = np.random.default_rng(20261125)


def patch(n, kind):
    if kind == "wrap":
        ra = rng.uniform(-0.3, 0.3, n) % 360.0
        dec = rng.uniform(-0.3, 0.3, n)
    elif kind == "north":
        ra = rng.uniform(0, 360, n)
        dec = np.degrees(np.arcsin(rng.uniform(np.sin(np.radians(89.8)), 1.0, n)))
    elif kind == "south":
        ra = rng.uniform(0, 360, n)
        dec = -np.degrees(np.arcsin(rng.uniform(np.sin(np.radians(89.8)), 1.0, n)))
    else:
        ra = rng.uniform(150.0, 150.6, n)
        dec = rng.uniform(30.0, 30.6, n)
    return ra, dec


def offset(ra, dec, sigma_arcsec):
    c = SkyCoord(ra * u.deg, dec * u.deg)
    pa = rng.uniform(0, 360, len(ra)) * u.deg
    sep = np.abs(rng.normal(0, sigma_arcsec, len(ra))) * u.arcsec
    o = c.directional_offset_by(pa, sep)
    return o.ra.deg, o.dec.deg


kinds = ["wrap", "north", "south", "field"]
b_ra, b_dec = [], []
for k in kinds:
    r, d = patch(4500, k)
    b_ra.append(r)
    b_dec.append(d)
b_ra = np.concatenate(b_ra)
b_dec = np.concatenate(b_dec)
# Close clusters (neighbours 0-4 arcsec away) and exact duplicates.
pick = rng.choice(len(b_ra), 1500, replace=False)
cr, cd = offset(b_ra[pick], b_dec[pick], 2.0)
dup = rng.choice(len(b_ra), 500, replace=False)
b_ra = np.concatenate([b_ra, cr, b_ra[dup]])
b_dec = np.concatenate([b_dec, cd, b_dec[dup]])
perm = rng.permutation(len(b_ra))
b_ra, b_dec = b_ra[perm], b_dec[perm]
assert len(b_ra) == 20000

src = rng.choice(len(b_ra), 1300, replace=False)
pr, pd = offset(b_ra[src[:1200]], b_dec[src[:1200]], 2.5)
a_ra = [pr, b_ra[src[1200:]]]
a_dec = [pd, b_dec[src[1200:]]]
for k in kinds:
    r, d = patch(175, k)
    a_ra.append(r)
    a_dec.append(d)
a_ra = np.concatenate(a_ra)
a_dec = np.concatenate(a_dec)
perm = rng.permutation(len(a_ra))
a_ra, a_dec = a_ra[perm], a_dec[perm]
assert len(a_ra) == 2000


def write(name, ra, dec):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "ra", "dec"])
        for i, (r, d) in enumerate(zip(ra, dec)):
            w.writerow([i, repr(float(r)), repr(float(d))])


write("a.csv", a_ra, a_dec)
write("b.csv", b_ra, b_dec)

# Read back what was written, so the truth is computed on exactly the committed numbers.
def read(name):
    rows = list(csv.DictReader(open(name)))
    return np.array([float(r["ra"]) for r in rows]), np.array([float(r["dec"]) for r in rows])


a_ra, a_dec = read("a.csv")
b_ra, b_dec = read("b.csv")
A = SkyCoord(a_ra * u.deg, a_dec * u.deg)
B = SkyCoord(b_ra * u.deg, b_dec * u.deg)


def write_pairs(name, ia, ib, sep):
    order = np.lexsort((ib, ia))
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["a_id", "b_id", "sep_arcsec"])
        for k in order:
            w.writerow([int(ia[k]), int(ib[k]), repr(float(sep[k]))])


# search_around_sky returns indices into its argument (B) first, then into self (A).
ib, ia, sep, _ = A.search_around_sky(B, RADIUS * u.arcsec)
write_pairs("astropy_all.csv", ia, ib, sep.arcsec)
idx, sep, _ = A.match_to_catalog_sky(B)
keep = sep.arcsec <= RADIUS
write_pairs("astropy_best.csv", np.arange(len(A))[keep], idx[keep], sep.arcsec[keep])

for find in ["all", "best1", "best"]:
    out = subprocess.run(
        ["stilts", "tmatch2", "in1=a.csv", "ifmt1=csv", "in2=b.csv", "ifmt2=csv", "matcher=sky",
         "values1=ra dec", "values2=ra dec", f"params={RADIUS}", f"find={find}", "join=1and2",
         "progress=none", "ocmd=keepcols 'id_1 id_2 Separation'", "ofmt=csv"],
        check=True, capture_output=True, text=True).stdout.splitlines()
    rows = list(csv.reader(out))[1:]
    write_pairs(f"stilts_{find}.csv", np.array([int(r[0]) for r in rows]), np.array([int(r[1]) for r in rows]),
                np.array([float(r[2]) for r in rows]))
