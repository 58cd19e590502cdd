#!/usr/bin/python3
"""Times astropy's SkyCoord on the strings of bench/sky/positions.txt (one SkyCoord per string, as a service
parsing user input would) and prints the mean time per string.

Output (last line, parsed by run.sh):  astropy_skycoord_us_per_string=<microseconds>
"""

import os
import sys
import time
import warnings

import astropy
import astropy.units as u
from astropy.coordinates import SkyCoord

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "positions.txt")
    items = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            unit, text = line.rstrip("\n").split("\t", 1)
            items.append((text, (u.hourangle, u.deg) if unit == "hourangle" else (u.deg, u.deg)))

    # Warm up (imports, parser tables), then time every string once, three rounds, keep the best round.
    for text, unit in items[:200]:
        SkyCoord(text, unit=unit)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text, unit in items:
            SkyCoord(text, unit=unit)
        best = min(best, time.perf_counter() - start)
    per_string_us = best / len(items) * 1e6
    print(f"astropy {astropy.__version__}: {len(items)} strings, best round {best:.2f} s")
    print(f"astropy_skycoord_us_per_string={per_string_us:.3f}")


if __name__ == "__main__":
    main()
