"""Generates a small table join and its STILTS truth (run once: /usr/bin/python3 make_truth.py; outputs committed).

a.csv: id, ra, dec, mag (300 rows). b.csv: id, RAJ2000, DEJ2000, mag, flux (1 000 rows), so the join must find B's
position columns by name and rename the clashing id and mag columns. Truth: stilts tmatch2 join=1and2 with
find=best1 and find=all (radius 3 arcsec), written as CSV with STILTS's own column names and order (find=all's GroupID/GroupSize dropped: Das has no groups).
"""
import csv
import subprocess

import numpy as np

rng = np.random.default_rng(9)
b_ra = rng.uniform(10.0, 10.2, 1000)
b_dec = rng.uniform(-5.1, -4.9, 1000)
src = rng.choice(1000, 250, replace=False)
a_ra = np.concatenate([b_ra[src] + rng.normal(0, 1.0 / 3600, 250), rng.uniform(10.0, 10.2, 50)])
a_dec = np.concatenate([b_dec[src] + rng.normal(0, 1.0 / 3600, 250), rng.uniform(-5.1, -4.9, 50)])

with open("a.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "ra", "dec", "mag"])
    for i in range(len(a_ra)):
        w.writerow([f"a{i}", repr(float(a_ra[i])), repr(float(a_dec[i])), repr(round(float(rng.uniform(12, 20)), 3))])
with open("b.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "RAJ2000", "DEJ2000", "mag", "flux"])
    for i in range(len(b_ra)):
        w.writerow([i, repr(float(b_ra[i])), repr(float(b_dec[i])), repr(round(float(rng.uniform(12, 20)), 3)),
                    repr(round(float(rng.uniform(0, 100)), 4))])

for find in ["best1", "all"]:
    with open(f"stilts_join_{find}.csv", "w") as f:
        subprocess.run(["stilts", "tmatch2", "in1=a.csv", "ifmt1=csv", "in2=b.csv", "ifmt2=csv", "matcher=sky",
                        "values1=ra dec", "values2=RAJ2000 DEJ2000", "params=3", f"find={find}", "join=1and2",
                        "progress=none", "ofmt=csv"] + (["ocmd=delcols 'GroupID GroupSize'"] if find == "all" else []),
                       check=True, stdout=f)
