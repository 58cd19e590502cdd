#!/usr/bin/python3
"""Writes bench/sky/positions.txt: 10 000 realistic position strings, the same every run (fixed seed).

Each line is "<unit>\t<text>": unit is "hourangle" when the RA is sexagesimal hours, "deg" when it is decimal
degrees. astropy needs that hint (SkyCoord(text, unit=...)); Das ignores it and decides from the notation.
"""

import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
COUNT = 10_000


def main():
    rng = random.Random(20261124)
    lines = []
    for i in range(COUNT):
        ra = rng.uniform(0, 360)
        dec = rng.uniform(-90, 90)
        h, rem = divmod(ra / 15 * 3600, 3600)
        m, s = divmod(rem, 60)
        sign = "-" if dec < 0 else "+"
        d, drem = divmod(abs(dec) * 3600, 3600)
        dm, ds = divmod(drem, 60)
        h, m, d, dm = int(h), int(m), int(d), int(dm)
        s = min(s, 59.99)
        ds = min(ds, 59.9)
        kind = i % 7
        if kind == 0:
            lines.append(("hourangle", f"{h:02d}:{m:02d}:{s:05.2f} {sign}{d:02d}:{dm:02d}:{ds:04.1f}"))
        elif kind == 1:
            lines.append(("hourangle", f"{h:02d} {m:02d} {s:05.2f} {sign}{d:02d} {dm:02d} {ds:04.1f}"))
        elif kind == 2:
            lines.append(("hourangle", f"{h:02d}h{m:02d}m{s:05.2f}s {sign}{d:02d}d{dm:02d}m{ds:04.1f}s"))
        elif kind == 3:
            lines.append(("hourangle", f"{h:02d}h{m:02d}m{s:05.2f}s {sign}{d:02d}°{dm:02d}′{ds:04.1f}″"))
        elif kind == 4:
            lines.append(("deg", f"{ra:.6f} {dec:+.6f}"))
        elif kind == 5:
            lines.append(("deg", f"{ra:.5f} {dec:.5f}"))
        else:
            lines.append(("hourangle", f"J{h:02d}{m:02d}{s:05.2f}{sign}{d:02d}{dm:02d}{ds:04.1f}"))
    path = os.path.join(HERE, "positions.txt")
    with open(path, "w", encoding="utf-8") as f:
        for unit, text in lines:
            f.write(f"{unit}\t{text}\n")
    print(f"wrote {path} ({len(lines)} strings)")


if __name__ == "__main__":
    main()
