#!/usr/bin/python3
"""Writes the truth fixtures for Das.Sky (positions, frames, separations, offsets, formatting) from astropy.

Run from anywhere with the Debian interpreter (astropy 5.2):

    /usr/bin/python3 tests/Das.Sky.Tests/Fixtures/make_truth.py

The JSON files are written next to this script and committed: tests and CI never need astropy.
Everything is deterministic (fixed seed), so a rerun with the same astropy gives the same files.

Truth rules for the parse cases:
  * where astropy parses the notation itself (SkyCoord from the string, or astropy's jparser for
    prefixed IAU designations), its result is the truth ("astropy-string" / "astropy-jparser");
    the script also checks it agrees with the numbers written in the string;
  * where astropy does not accept the notation (comma separated, truncated designations, U+2013 dash, ...),
    the truth is astropy's frame transformation of the numeric components ("astropy-components");
  * bad input carries the exact field, 0-based index and message Das must report (Das's own contract).
"""

import json
import math
import os
import sys
import warnings

import astropy
import astropy.units as u
import numpy as np
from astropy.coordinates import (
    FK4,
    FK5,
    ICRS,
    Angle,
    BarycentricMeanEcliptic,
    Galactic,
    SkyCoord,
    jparser,
)

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
MAS = 1.0 / 3600000.0

FRAMES = {
    "icrs": lambda lon, lat: ICRS(ra=lon * u.deg, dec=lat * u.deg),
    "galactic": lambda lon, lat: Galactic(l=lon * u.deg, b=lat * u.deg),
    "fk5": lambda lon, lat: FK5(ra=lon * u.deg, dec=lat * u.deg, equinox="J2000"),
    "fk4": lambda lon, lat: FK4(ra=lon * u.deg, dec=lat * u.deg, equinox="B1950", obstime="B1950"),
    "ecliptic": lambda lon, lat: BarycentricMeanEcliptic(lon=lon * u.deg, lat=lat * u.deg, equinox="J2000"),
}
SKYCOORD_FRAME = {
    "icrs": dict(frame="icrs"),
    "galactic": dict(frame="galactic"),
    "fk5": dict(frame="fk5", equinox="J2000"),
    "fk4": dict(frame="fk4", equinox="B1950", obstime="B1950"),
    "ecliptic": dict(frame="barycentricmeanecliptic", equinox="J2000"),
}


def to_icrs(frame, lon, lat):
    c = SkyCoord(FRAMES[frame](lon, lat)).icrs
    return float(c.ra.deg), float(c.dec.deg)


def sep_deg(a, b):
    return float(SkyCoord(a[0] * u.deg, a[1] * u.deg).separation(SkyCoord(b[0] * u.deg, b[1] * u.deg)).deg)


def write(name, payload):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(payload, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {path}")


HEADER = {
    "generated_by": "tests/Das.Sky.Tests/Fixtures/make_truth.py",
    "astropy": astropy.__version__,
}

# --------------------------------------------------------------------------------------------
# Parse cases: good input
# --------------------------------------------------------------------------------------------
rng = np.random.default_rng(20261124)
good = []  # (input, frame, ra_unit, mode, lon_deg, lat_deg, astropy_kind)


def add_good(text, lon, lat, frame="icrs", ra_unit="auto", mode="position", astropy_kind="string"):
    good.append((text, frame, ra_unit, mode, lon, lat, astropy_kind))


def sexa(sign, a, b, c):
    v = a + b / 60.0 + c / 3600.0
    return -v if sign == "-" else v


bases = [
    # (h, m, s-text, sign, d, m, s-text): M31, the Brief's example, a negative-zero Dec, edges.
    (10, 41, "00.50", "+", 41, 16, "07.0"),
    (0, 42, "44.33", "+", 41, 16, "07.5"),
    (12, 30, "49.42", "+", 12, 23, "28.0"),
    (5, 35, "17.30", "-", 5, 23, "28.0"),
    (18, 36, "56.34", "+", 38, 47, "01.3"),
    (23, 59, "59.99", "-", 0, 30, "00.0"),
    (0, 0, "00.00", "+", 0, 0, "00.0"),
    (6, 45, "08.92", "-", 16, 42, "58.0"),
]
for _ in range(2):
    bases.append(
        (
            int(rng.integers(0, 24)),
            int(rng.integers(0, 60)),
            "%05.2f" % (int(rng.integers(0, 6000)) / 100.0),
            "+" if rng.random() < 0.5 else "-",
            int(rng.integers(0, 90)),
            int(rng.integers(0, 60)),
            "%04.1f" % (int(rng.integers(0, 600)) / 10.0),
        )
    )

for (h, m, s, sg, d, dm, ds) in bases:
    ra = 15.0 * sexa("+", h, m, float(s))
    dec = sexa(sg, d, dm, float(ds))
    add_good(f"{h:02d}:{m:02d}:{s} {sg}{d:02d}:{dm:02d}:{ds}", ra, dec)
    add_good(f"{h:02d} {m:02d} {s} {sg}{d:02d} {dm:02d} {ds}", ra, dec)
    add_good(f"{h:02d}h{m:02d}m{s}s {sg}{d:02d}d{dm:02d}m{ds}s", ra, dec)
    add_good(f"{h:02d}h{m:02d}m{s}s {sg}{d:02d}°{dm:02d}′{ds}″", ra, dec)
    add_good(f"{h:02d}h{m:02d}m{s}s {sg}{d:02d}°{dm:02d}'{ds}\"", ra, dec)
    add_good(f"{h:02d}:{m:02d}:{s},{sg}{d:02d}:{dm:02d}:{ds}", ra, dec, astropy_kind="components")
    add_good(f"{h:02d}h{m:02d}m{s}s, {sg}{d:02d}d{dm:02d}m{ds}s", ra, dec, astropy_kind="components")
    add_good(f"J{h:02d}{m:02d}{s}{sg}{d:02d}{dm:02d}{ds}", ra, dec)
    add_good(f"SDSS J{h:02d}{m:02d}{s}{sg}{d:02d}{dm:02d}{ds}", ra, dec, astropy_kind="jparser")
    add_good(f"2MASS J{h:02d}{m:02d}{s.replace('.', '')}{sg}{d:02d}{dm:02d}{ds.replace('.', '')}", ra, dec, astropy_kind="jparser")
    add_good(f"J{h:02d}{m:02d}{sg}{d:02d}{dm:02d}", 15.0 * sexa("+", h, m, 0), sexa(sg, d, dm, 0), astropy_kind="components")
    fm_ra = "%.4f" % (m + float(s) / 60.0)
    fm_dec = "%.3f" % (dm + float(ds) / 60.0)
    if float(fm_ra) < 60 and float(fm_dec) < 60:
        add_good(f"{h:02d} {fm_ra} {sg}{d:02d} {fm_dec}", 15.0 * (h + float(fm_ra) / 60.0),
                 (-1 if sg == "-" else 1) * (d + float(fm_dec) / 60.0))
    dra, ddec = "%.6f" % ra, "%+.6f" % dec
    add_good(f"{dra} {ddec}", float(dra), float(ddec))
    add_good(f"{dra},{ddec}", float(dra), float(ddec), astropy_kind="components")
    add_good(f"{dra}d {ddec}d", float(dra), float(ddec))
    if sg == "-":
        add_good(f"{h:02d}:{m:02d}:{s} \u2212{d:02d}:{dm:02d}:{ds}", ra, dec)
        add_good(f"{h:02d} {m:02d} {s} \u2013{d:02d} {dm:02d} {ds}", ra, dec, astropy_kind="components")
    else:
        add_good(f"{h:02d}:{m:02d}:{s} {d:02d}:{dm:02d}:{ds}", ra, dec)
        add_good(f"{h:02d} {m:02d} {s} {d:02d} {dm:02d} {ds}", ra, dec)

# Special notations and the cases the brief singles out.
add_good("10h41m00.5s +41d16m07s", 15 * sexa("+", 10, 41, 0.5), sexa("+", 41, 16, 7))
add_good("10:41:00.5 +41:16:07", 15 * sexa("+", 10, 41, 0.5), sexa("+", 41, 16, 7))
add_good("10:41:00.5+41:16:07", 15 * sexa("+", 10, 41, 0.5), sexa("+", 41, 16, 7))
add_good("160.25 -7.5", 160.25, -7.5)
add_good("160.25,-7.5", 160.25, -7.5, astropy_kind="components")
add_good("160.25 , -7.5", 160.25, -7.5, astropy_kind="components")
add_good("  160.25   -7.5  ", 160.25, -7.5)
add_good("10 41 00 -00 30 00", 15 * sexa("+", 10, 41, 0), -0.5)
add_good("10:41:00 -00:30:00", 15 * sexa("+", 10, 41, 0), -0.5)
add_good("10h41m00s -00d30m00s", 15 * sexa("+", 10, 41, 0), -0.5)
add_good("10 41 00 -00 00 30", 15 * sexa("+", 10, 41, 0), -30 / 3600)
add_good("10 41 00 \u221200 30 00", 15 * sexa("+", 10, 41, 0), -0.5)
add_good("10 41 00 +00 30 00", 15 * sexa("+", 10, 41, 0), 0.5)
add_good("10 41 -30 15", 15 * sexa("+", 10, 41, 0), -30.25)
add_good("10 41.5 -30 15.5", 15 * (10 + 41.5 / 60), -(30 + 15.5 / 60))
add_good("10h 41m 00.5s +41d 16m 07s", 15 * sexa("+", 10, 41, 0.5), sexa("+", 41, 16, 7))
add_good("10h41m +41d16m", 15 * sexa("+", 10, 41, 0), sexa("+", 41, 16, 0))
add_good("10h41.5m +41d", 15 * (10 + 41.5 / 60), 41.0)
add_good("10.5h +41.25d", 157.5, 41.25)
add_good("10h +41d", 150.0, 41.0)
add_good("160.25d -7.5", 160.25, -7.5)
add_good("10h41m00.5s +41°16′07.25″", 15 * sexa("+", 10, 41, 0.5), sexa("+", 41, 16, 7.25))
add_good("10h41m00.5s +41º16'07''", 15 * sexa("+", 10, 41, 0.5), sexa("+", 41, 16, 7), astropy_kind="components")
add_good("10h41m00.5s -41°16’07”", 15 * sexa("+", 10, 41, 0.5), sexa("-", 41, 16, 7), astropy_kind="components")
add_good("23:59:59.999 +89:59:59.99", 15 * sexa("+", 23, 59, 59.999), sexa("+", 89, 59, 59.99))
add_good("00:00:00 +90:00:00", 0.0, 90.0)
add_good("12:00:00 -90:00:00", 180.0, -90.0)
add_good("24:00:00 +10:00:00", 0.0, 10.0, astropy_kind="components")
add_good("359.999999 -89.999999", 359.999999, -89.999999)
add_good("0 0", 0.0, 0.0)
add_good(".5 -.5", 0.5, -0.5)
add_good("PSR J0437-4715", 15 * sexa("+", 4, 37, 0), sexa("-", 47, 15, 0), astropy_kind="components")
add_good("J1041.5+4116", 15 * (10 + 41.5 / 60), sexa("+", 41, 16, 0), astropy_kind="components")
add_good("2MASS J10410050+4116070", 15 * sexa("+", 10, 41, 0.5), sexa("+", 41, 16, 7), astropy_kind="jparser")
add_good("2MASS J00003012-0030150", 15 * sexa("+", 0, 0, 30.12), sexa("-", 0, 30, 15.0), astropy_kind="jparser")
add_good("SDSSJ104100.5+411607", 15 * sexa("+", 10, 41, 0.5), sexa("+", 41, 16, 7), astropy_kind="jparser")
add_good("WISEA J104100.50-001607.2", 15 * sexa("+", 10, 41, 0.5), sexa("-", 0, 16, 7.2), astropy_kind="jparser")
# RA unit option.
add_good("10.683472 +41.268611", 15 * 10.683472, 41.268611, ra_unit="hours")
add_good("160 15 07.5 +41 16 07", sexa("+", 160, 15, 7.5), sexa("+", 41, 16, 7), ra_unit="degrees")
add_good("160:15:07.5 -41:16:07", sexa("+", 160, 15, 7.5), sexa("-", 41, 16, 7), ra_unit="degrees")
add_good("160d15m07.5s -41d16m07s", sexa("+", 160, 15, 7.5), sexa("-", 41, 16, 7))
add_good("10h41m00.5s +41d16m07s", 15 * sexa("+", 10, 41, 0.5), sexa("+", 41, 16, 7), ra_unit="degrees")
# Other frames (always degrees for l/b and λ/β).
for frame in ["galactic", "ecliptic"]:
    add_good("120.5 -30.25", 120.5, -30.25, frame=frame)
    add_good("0 0", 0.0, 0.0, frame=frame)
    add_good("359.5,+89.5", 359.5, 89.5, frame=frame, astropy_kind="components")
    add_good("120d30m00s -30d15m00s", 120.5, -30.25, frame=frame)
    add_good("120:30:00 -30:15:00", 120.5, -30.25, frame=frame)
    add_good("120 30 00 -30 15 00", 120.5, -30.25, frame=frame)
    add_good("120°30′00″ -00°15′00″", 120.5, -0.25, frame=frame)
    add_good("-30.5 +2.25", 329.5, 2.25, frame=frame)
    add_good("280.4652 -32.8884", 280.4652, -32.8884, frame=frame)
for frame in ["fk5", "fk4"]:
    add_good("10:41:00.5 +41:16:07", 15 * sexa("+", 10, 41, 0.5), sexa("+", 41, 16, 7), frame=frame)
    add_good("00 40 00.0 +40 59 43", 15 * sexa("+", 0, 40, 0), sexa("+", 40, 59, 43), frame=frame)
    add_good("160.25 -7.5", 160.25, -7.5, frame=frame)
    add_good("05h32m49.0s -05d25m00s", 15 * sexa("+", 5, 32, 49), sexa("-", 5, 25, 0), frame=frame)
    add_good("23 59 59.9 -89 30 00", 15 * sexa("+", 23, 59, 59.9), sexa("-", 89, 30, 0), frame=frame)
add_good("B1937+21", 15 * sexa("+", 19, 37, 0), 21.0, frame="fk4", astropy_kind="components")
add_good("PSR B0531+21", 15 * sexa("+", 5, 31, 0), 21.0, frame="fk4", astropy_kind="components")
# Single fields (a form's RA box and Dec box).
add_good("10:41:00.5", 15 * sexa("+", 10, 41, 0.5), 0, mode="ra")
add_good("10h41m00.5s", 15 * sexa("+", 10, 41, 0.5), 0, mode="ra")
add_good("160.2521", 160.2521, 0, mode="ra")
add_good("10.5", 157.5, 0, mode="ra", ra_unit="hours")
add_good("160 15 07.5", sexa("+", 160, 15, 7.5), 0, mode="ra", ra_unit="degrees")
add_good("+41:16:07", 0, sexa("+", 41, 16, 7), mode="dec")
add_good("-00 30 00", 0, -0.5, mode="dec")
add_good("\u221200:30:00", 0, -0.5, mode="dec")
add_good("41d16m07s", 0, sexa("+", 41, 16, 7), mode="dec")
add_good("-7.5", 0, -7.5, mode="dec")
add_good("-00:00:00", 0, -0.0, mode="dec")
add_good("10 41 00 -00 00 00.5", 15 * sexa("+", 10, 41, 0), -0.5 / 3600)
add_good("-41°16′07″", 0, sexa("-", 41, 16, 7), mode="dec")

# --------------------------------------------------------------------------------------------
# Parse cases: bad input (Das's contract: field, 0-based index, message)
# --------------------------------------------------------------------------------------------
bad = []  # (input, field, index, reason, frame, ra_unit, mode)


def add_bad(text, field, where, reason, frame="icrs", ra_unit="auto", mode="position"):
    if isinstance(where, int):
        index = where
    else:
        sub, nth = (where, 0) if isinstance(where, str) else where
        index = -1
        for _ in range(nth + 1):
            index = text.index(sub, index + 1)
    bad.append((text, field, index, reason, frame, ra_unit, mode))


END = lambda t: len(t.rstrip())  # noqa: E731

for t in ["", "   ", "\t"]:
    add_bad(t, "None", 0, "empty input")
# Minutes and seconds.
add_bad("10:41:00.5 +41:61:07", "Dec", "61", "Dec minutes 61 is out of range 0-59")
add_bad("10 41 00.5 +41 61 07", "Dec", "61", "Dec minutes 61 is out of range 0-59")
add_bad("10h41m00.5s +41d61m07s", "Dec", "61", "Dec minutes 61 is out of range 0-59")
add_bad("10h41m00.5s +41°61′07″", "Dec", "61", "Dec minutes 61 is out of range 0-59")
add_bad("10h41m00.5s +41°61'07\"", "Dec", "61", "Dec minutes 61 is out of range 0-59")
add_bad("10:60:00 +41:16:07", "Ra", "60", "RA minutes 60 is out of range 0-59")
add_bad("10h75m00s +41d16m07s", "Ra", "75", "RA minutes 75 is out of range 0-59")
add_bad("10 41.5 +41 60.5", "Dec", "60.5", "Dec minutes 60.5 is out of range 0-59")
add_bad("10:41:60.5 +41:16:07", "Ra", "60.5", "RA seconds 60.5 is out of range 0-59")
add_bad("10:41:00.5 +41:16:60", "Dec", "60", "Dec seconds 60 is out of range 0-59")
add_bad("10h41m99s +41d16m07s", "Ra", "99", "RA seconds 99 is out of range 0-59")
add_bad("10 41 00.5 -41 16 61.2", "Dec", "61.2", "Dec seconds 61.2 is out of range 0-59")
add_bad("23:59:60 +00:00:00", "Ra", "60", "RA seconds 60 is out of range 0-59")
add_bad("10:41:00.5 +41:16:07:3", "Dec", "3", "too many numbers in Dec (at most 3)")
# Hours and degrees.
add_bad("25:00:00 +41:00:00", "Ra", 0, "RA 25h exceeds 24h")
add_bad("25h41m00s +41d16m07s", "Ra", 0, "RA 25h exceeds 24h")
add_bad("24:00:01 +41:00:00", "Ra", 0, "RA 24:00:01 exceeds 24h")
add_bad("99 00 00 +10 00 00", "Ra", 0, "RA 99h exceeds 24h")
add_bad("24.5 +10", "Ra", 0, "RA 24.5h exceeds 24h", ra_unit="hours")
add_bad("30h +10d", "Ra", 0, "RA 30h exceeds 24h")
add_bad("361 +10", "Ra", 0, "RA 361 exceeds 360°")
add_bad("400.5,-7.5", "Ra", 0, "RA 400.5 exceeds 360°")
add_bad("361d00m00s +10d", "Ra", 0, "RA 361 exceeds 360°")
add_bad("361 00 00 +10 00 00", "Ra", 0, "RA 361 exceeds 360°", ra_unit="degrees")
add_bad("-10.5 +20", "Ra", 0, "RA -10.5 is negative")
add_bad("\u221210.5 +20", "Ra", 0, "RA \u221210.5 is negative")
add_bad("-01:00:00 +20:00:00", "Ra", 0, "RA -01:00:00 is negative")
# Declination range.
add_bad("10:41:00.5 +91:00:00", "Dec", "+", "Dec +91 exceeds ±90°")
add_bad("160.25 +91", "Dec", "+", "Dec +91 exceeds ±90°")
add_bad("160.25 -90.5", "Dec", "-", "Dec -90.5 exceeds ±90°")
add_bad("10 41 00 +90 00 01", "Dec", "+", "Dec +90 00 01 exceeds ±90°")
add_bad("10h41m +95d", "Dec", "+", "Dec +95 exceeds ±90°")
add_bad("160.25 100", "Dec", "100", "Dec 100 exceeds ±90°")
add_bad("10:41:00 -90:30:00", "Dec", "-", "Dec -90:30:00 exceeds ±90°")
add_bad("10h41m00.5s -91d00m00s", "Dec", "-", "Dec -91 exceeds ±90°")
add_bad("10h41m00.5s \u221291d00m00s", "Dec", "\u2212", "Dec -91 exceeds ±90°")
add_bad("J104100.5+911607", "Dec", "+", "Dec +91 exceeds ±90°")
# Characters that do not belong.
add_bad("10:41:00.5 +41:16:07x", "Dec", "x", "unexpected character 'x'")
add_bad("10:41:0x.5 +41:16:07", "Ra", "x", "unexpected character 'x'")
add_bad("abc", "None", 0, "unexpected character 'a'")
add_bad("M31", "None", 0, "unexpected character 'M'")
add_bad("ra=10:41 dec=+41", "None", 0, "unexpected character 'r'")
add_bad("160.25 ; -7.5", "Ra", ";", "unexpected character ';'")
add_bad("10:41:00.5 +41:16:07 foo", "Dec", "f", "unexpected character 'f'")
add_bad("160.25e2 10", "Ra", "e", "unexpected character 'e'")
add_bad("160,25 -7,5", "Dec", (",", 1), "unexpected character ','")
add_bad("10.5.3 +41", "Ra", (".", 1), "unexpected character '.'")
add_bad("10h41x +41d", "Ra", "x", "unexpected character 'x'")
add_bad("10 41 00.5 +41 16 07 .", "Dec", (".", 1), "unexpected character '.'")
add_bad("10:41:00.5 +41:16:07.5.5", "Dec", (".", 2), "unexpected character '.'")
add_bad("10:41:00.5 +41:16:07″″", "Dec", ("″", 1), "unexpected character '″'")
add_bad("10 41 00.5 +41 16 07 (J2000)", "Dec", "(", "unexpected character '('")
add_bad("10 h 41 m +41 d", "Ra", "h", "unexpected character 'h'")
add_bad("10 :41 +41", "Ra", ":", "unexpected character ':'")
add_bad("10h:41m +41d", "Ra", ":", "unexpected character ':'")
add_bad(",160.25 -7.5", "None", 0, "unexpected character ','")
# Separators and signs without a number.
add_bad("10::41 +41", "Ra", 3, "expected a number after ':'")
add_bad("10:41: +41:16", "Ra", 6, "expected a number after ':'")
add_bad("10:-41:00 +41", "Ra", 3, "expected a number after ':'")
add_bad("10:41:00.5 + 41:16:07", "Dec", 12, "expected a number after '+'")
add_bad("10:41:00.5 +-41:16:07", "Dec", 12, "expected a number after '+'")
add_bad("+", "Ra", 1, "expected a number after '+'")
add_bad("\u2212", "Ra", 1, "expected a number after '\u2212'")
# Units.
add_bad("10 41 00.5 +41 16 07m", "Dec", "m", "unexpected unit 'm' in Dec")
add_bad("10h41m00.5s +41h16m07s", "Dec", ("h", 1), "Dec cannot be given in hours")
add_bad("120h +30", "GalacticLongitude", "h", "l cannot be given in hours", frame="galactic")
add_bad("10h30m +41", "GalacticLongitude", "h", "l cannot be given in hours", frame="galactic")
add_bad("80h +30", "EclipticLongitude", "h", "λ cannot be given in hours", frame="ecliptic")
# Whole numbers before the last component.
add_bad("10:41.5:00 +41:16:07", "Ra", "41.5", "RA minutes 41.5 must be a whole number when seconds follow")
add_bad("10.5:41:00 +41:16:07", "Ra", 0, "RA hours 10.5 must be a whole number when minutes follow")
add_bad("10:41:00 +41.5:16:07", "Dec", "41.5", "Dec degrees 41.5 must be a whole number when minutes follow")
add_bad("160.5d30m +10d", "Ra", 0, "RA degrees 160.5 must be a whole number when minutes follow")
# A missing second coordinate.
for t in ["10:41:00.5", "160.25", "10h41m00.5s", "10h41m00.5s   ", "160.25,", "10 41m"]:
    add_bad(t, "Dec", END(t), "no declination found")
add_bad("120.5", "GalacticLatitude", 5, "no galactic latitude b found", frame="galactic")
add_bad("120d30m", "GalacticLatitude", 7, "no galactic latitude b found", frame="galactic")
add_bad("120.5", "EclipticLatitude", 5, "no ecliptic latitude β found", frame="ecliptic")
add_bad("J104100.5", "Dec", 9, "no declination found")
add_bad("SDSS J104100.5  ", "Dec", 14, "no declination found")
# Where RA ends and Dec begins is unclear.
for t in ["10 41 00.5 41 16", "10 41 41", "1 2 3 4 5 6 7 8"]:
    add_bad(t, "Dec", 0, "cannot tell where RA ends and Dec begins: write a sign before Dec")
add_bad("120 30 45", "GalacticLatitude", 0, "cannot tell where l ends and b begins: write a sign before b", frame="galactic")
# Too many numbers or values.
add_bad("10 41 00 5 +41 16 07", "Ra", "5", "too many numbers in RA (at most 3)")
add_bad("10:41:00:5 +41:16:07", "Ra", "5", "too many numbers in RA (at most 3)")
add_bad("10:41:00 +41:16:07 +5", "Dec", "+5", "unexpected extra value '+5'")
add_bad("160.25 -7.5 -3", "Dec", "-3", "unexpected extra value '-3'")
add_bad("10h41m00s +41d16m07s 12d", "Dec", "12d", "unexpected extra value '12d'")
add_bad("160.25, -7.5, 3", "Dec", (",", 1), "unexpected character ','")
add_bad("1 2 3 4 5 6 7 8 9 10 11 12 13", "None", "13", "too many numbers")
# IAU designations.
add_bad("J10+41", "Ra", 1, "designation RA must be hhmm[ss[.s]] digits")
add_bad("J10410+4116", "Ra", 1, "designation RA must be hhmm[ss[.s]] digits")
add_bad("J1041+411", "Dec", 6, "designation Dec must be dd[mm[ss[.s]]] digits")
add_bad("J104100.5+", "Dec", 10, "designation Dec must be dd[mm[ss[.s]]] digits")
add_bad("J2541+4116", "Ra", 1, "RA 25h exceeds 24h")
add_bad("J1061+4116", "Ra", 3, "RA minutes 61 is out of range 0-59")
add_bad("J1041+4161", "Dec", 8, "Dec minutes 61 is out of range 0-59")
add_bad("J104160.5+411607", "Ra", 5, "RA seconds 60.5 is out of range 0-59")
add_bad("SDSS J104100.5+411607x", "Dec", "x", "unexpected character 'x'")
add_bad("J104100.5 +411607", "Dec", 9, "expected '+' or '-' before Dec")
add_bad("2MASS J10410050+4116070abc", "Dec", "a", "unexpected character 'a'")
# Galactic and ecliptic ranges.
add_bad("361 +10", "GalacticLongitude", 0, "l 361 exceeds 360°", frame="galactic")
add_bad("120 +95", "GalacticLatitude", "+", "b +95 exceeds ±90°", frame="galactic")
add_bad("120 30 00 +30 61 00", "GalacticLatitude", "61", "b minutes 61 is out of range 0-59", frame="galactic")
add_bad("45 -91", "EclipticLatitude", "-", "β -91 exceeds ±90°", frame="ecliptic")
add_bad("400 10", "EclipticLongitude", 0, "λ 400 exceeds 360°", frame="ecliptic")
add_bad("10:41:00.5 +91:16:07", "Dec", "+", "Dec +91 exceeds ±90°", frame="fk4")
add_bad("10:41:60 +41:16:07", "Ra", "60", "RA seconds 60 is out of range 0-59", frame="fk5")
# Single fields.
add_bad("", "Ra", 0, "empty input", mode="ra")
add_bad("10:41:00.5 +41", "Ra", "+41", "unexpected extra value '+41'", mode="ra")
add_bad("25:00:00", "Ra", 0, "RA 25h exceeds 24h", mode="ra")
add_bad("10:61:00", "Ra", "61", "RA minutes 61 is out of range 0-59", mode="ra")
add_bad("-10", "Ra", 0, "RA -10 is negative", mode="ra")
add_bad("+91", "Dec", 0, "Dec +91 exceeds ±90°", mode="dec")
add_bad("41:61:07", "Dec", "61", "Dec minutes 61 is out of range 0-59", mode="dec")
add_bad("41h", "Dec", "h", "Dec cannot be given in hours", mode="dec")
add_bad("41 16 07 5", "Dec", "5", "too many numbers in Dec (at most 3)", mode="dec")
add_bad("  ", "Dec", 0, "empty input", mode="dec")
add_bad("+41x", "Dec", "x", "unexpected character 'x'", mode="dec")

# The same mistakes in each base position's notations.
for (h, m, s, sg, d, dm, ds) in bases[:6]:
    t = f"{h:02d}:{m:02d}:{s} {sg}{d:02d}:{dm + 60:02d}:{ds}"
    add_bad(t, "Dec", len(f"{h:02d}:{m:02d}:{s} {sg}{d:02d}:"), f"Dec minutes {dm + 60} is out of range 0-59")
    t = f"{h:02d}h{m:02d}m{float(s) + 60:05.2f}s {sg}{d:02d}d{dm:02d}m{ds}s"
    add_bad(t, "Ra", 6, f"RA seconds {float(s) + 60:g} is out of range 0-59")
    t = f"J{h:02d}{m:02d}{s}"
    add_bad(t, "Dec", len(t), "no declination found")
    t = f"{h + 25:02d} {m:02d} {s} {sg}{d:02d} {dm:02d} {ds}"
    add_bad(t, "Ra", 0, f"RA {h + 25}h exceeds 24h")

# --------------------------------------------------------------------------------------------
# Truth for the good cases
# --------------------------------------------------------------------------------------------
RA_UNITS = {"hours": u.hourangle, "degrees": u.deg}


def astropy_string_truth(text, frame, ra_unit, comp, mode):
    """astropy's own reading of the string, or None when it does not accept it.

    The RA unit handed to astropy is the one Das's rules imply (the ra_unit option, else hours for sexagesimal
    and degrees for a decimal number); astropy honours unit letters in the string either way. As the case's
    numbers already say which it is, both units are tried and the reading that agrees with them is kept;
    a reading that agrees with neither stops the script.
    """
    units = [RA_UNITS[ra_unit]] if ra_unit in RA_UNITS else [u.hourangle, u.deg]
    readings = []
    for lon_unit in units:
        try:
            if mode == "ra":
                readings.append((float(Angle(text, unit=lon_unit).wrap_at(360 * u.deg).deg), 0.0))
            elif mode == "dec":
                readings.append((0.0, float(Angle(text, unit=u.deg).deg)))
            else:
                unit = (u.deg, u.deg) if frame in ("galactic", "ecliptic") else (lon_unit, u.deg)
                c = SkyCoord(text, unit=unit, **SKYCOORD_FRAME[frame]).icrs
                readings.append((float(c.ra.deg), float(c.dec.deg)))
        except Exception:  # noqa: BLE001 - astropy does not accept the notation
            continue
    if not readings:
        return None
    for r in readings:
        if sep_deg(r, comp) <= 0.01 * MAS:
            return r
    sys.exit(f"astropy reads {text!r} as {readings}, the components say {comp}")


parse_cases = []
sources = {}
for (text, frame, ra_unit, mode, lon, lat, kind) in good:
    if mode == "position":
        comp = to_icrs(frame, lon, lat)
    else:
        comp = (lon % 360.0 if mode == "ra" else 0.0, lat)
    truth, source = comp, "astropy-components"
    if kind == "string":
        got = astropy_string_truth(text, frame, ra_unit, comp, mode)
        if got is None:
            sys.exit(f"astropy no longer accepts {text!r}; mark it astropy_kind='components'")
        truth, source = got, "astropy-string"
    elif kind == "jparser":
        ra_a, dec_a = jparser.to_ra_dec_angles(text)
        got = (float(ra_a.to_value(u.deg)), float(dec_a.to_value(u.deg)))
        if sep_deg(got, comp) > 0.01 * MAS:
            sys.exit(f"astropy's jparser reads {text!r} as {got}, the components say {comp}")
        truth, source = got, "astropy-jparser"
    sources[source] = sources.get(source, 0) + 1
    parse_cases.append({
        "input": text, "frame": frame, "ra_unit": ra_unit, "mode": mode, "ok": True,
        "ra": truth[0], "dec": truth[1], "negative_zero_dec": mode != "ra" and lat == 0 and math.copysign(1, lat) < 0,
        "truth": source,
    })
for (text, field, index, reason, frame, ra_unit, mode) in bad:
    parse_cases.append({
        "input": text, "frame": frame, "ra_unit": ra_unit, "mode": mode, "ok": False,
        "field": field, "index": index, "reason": reason, "truth": "das-contract",
    })
# The generated notations repeat a few hand-written cases: keep the first of each.
seen = set()
unique = []
for case in parse_cases:
    key = (case["input"], case["frame"], case["ra_unit"], case["mode"])
    if key not in seen:
        seen.add(key)
        unique.append(case)
parse_cases = unique
for i, case in enumerate(parse_cases):
    case["id"] = f"{i:03d}"
n_bad = sum(1 for c in parse_cases if not c["ok"])
print(f"parse cases: {len(parse_cases)} ({n_bad} bad); truth sources {sources}")
assert len(parse_cases) >= 200 and n_bad * 3 >= len(parse_cases)
write("parse_cases.json", {**HEADER, "cases": parse_cases})

# --------------------------------------------------------------------------------------------
# Frame conversions: random points in each frame -> ICRS
# --------------------------------------------------------------------------------------------
def random_points(n):
    lon = rng.uniform(0, 360, n)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    pts = [(float(a), float(b)) for a, b in zip(lon, lat)]
    return pts + [(0.0, 0.0), (0.0, 90.0), (0.0, -90.0), (180.0, 89.9999), (359.9999, -0.0001), (266.405, -28.936)]


frames = {}
for frame in ["galactic", "fk5", "fk4", "ecliptic", "icrs"]:
    rows = []
    for lon, lat in random_points(200):
        ra, dec = to_icrs(frame, lon, lat)
        rows.append([lon, lat, ra, dec])
    frames[frame] = rows
write("frames.json", {**HEADER, "note": "rows are [lon, lat, icrs_ra, icrs_dec] in degrees; "
                      "fk5 = FK5(equinox=J2000), fk4 = FK4(equinox=B1950, obstime=B1950), "
                      "ecliptic = BarycentricMeanEcliptic(equinox=J2000)", "frames": frames})

# --------------------------------------------------------------------------------------------
# Separations, position angles, offsets
# --------------------------------------------------------------------------------------------
pairs = []
pts = random_points(150)
for i in range(len(pts)):
    a = pts[i]
    b = pts[(i * 7 + 3) % len(pts)]
    pairs.append((a, b))
# Close pairs (where the haversine / cosine formulas lose digits) and near-antipodal pairs.
for k, scale in enumerate([1e-9, 1e-7, 1e-5, 1e-3, 0.1, 1.0]):
    a = pts[k]
    lat_b = a[1] + scale * 0.6 if abs(a[1]) < 89 else a[1] - scale * 0.6
    pairs.append((a, ((a[0] + scale * 0.8) % 360, lat_b)))
    pairs.append((a, ((a[0] + 180 + scale) % 360, -a[1] + scale)))
pairs.append(((10.0, 89.9), (190.0, 89.9)))
pairs.append(((0.0, 0.0), (180.0, 0.0)))
pairs.append(((359.99, 0.0), (0.01, 0.0)))
separations = []
for a, b in pairs:
    ca, cb = SkyCoord(a[0] * u.deg, a[1] * u.deg), SkyCoord(b[0] * u.deg, b[1] * u.deg)
    separations.append({
        "ra1": a[0], "dec1": a[1], "ra2": b[0], "dec2": b[1],
        "separation": float(ca.separation(cb).deg), "position_angle": float(ca.position_angle(cb).wrap_at(360 * u.deg).deg),
    })
write("separations.json", {**HEADER, "note": "astropy SkyCoord.separation (Vincenty) and position_angle (east of north), degrees",
                           "pairs": separations})

offsets = []
starts = random_points(120)
for i, (ra, dec) in enumerate(starts):
    sep = float([1e-6, 0.001, 0.5, 10.0, 45.0, 90.0, 170.0][i % 7])
    pa = float(rng.uniform(0, 360))
    c = SkyCoord(ra * u.deg, dec * u.deg).directional_offset_by(pa * u.deg, sep * u.deg)
    offsets.append({"ra": ra, "dec": dec, "separation": sep, "position_angle": pa,
                    "ra2": float(c.ra.deg), "dec2": float(c.dec.deg)})
write("offsets.json", {**HEADER, "note": "astropy SkyCoord.directional_offset_by(position_angle, separation), degrees",
                       "offsets": offsets})

# --------------------------------------------------------------------------------------------
# Formatting (away from the 24h wrap and from negative zero, where astropy prints 24:00:00 / -00:00:00)
# --------------------------------------------------------------------------------------------
formats = []
for ra, dec in random_points(100)[:100]:
    a_ra, a_dec = Angle(ra, u.deg), Angle(dec, u.deg)
    formats.append({
        "ra": ra, "dec": dec,
        "sexagesimal": a_ra.to_string(unit=u.hour, sep=":", precision=3, pad=True) + " "
        + a_dec.to_string(unit=u.deg, sep=":", precision=2, pad=True, alwayssign=True),
        "decimal": f"{ra:.6f} {dec:+.6f}",
    })
for ra, dec in [(160.25208333333333, 41.26861111111111), (15 * (59.9999 / 3600), 59.99999 / 3600),
                (15 * (1 + 59 / 60 + 59.99996 / 3600), -(1 + 59 / 60 + 59.996 / 3600))]:
    a_ra, a_dec = Angle(ra, u.deg), Angle(dec, u.deg)
    formats.append({
        "ra": ra, "dec": dec,
        "sexagesimal": a_ra.to_string(unit=u.hour, sep=":", precision=3, pad=True) + " "
        + a_dec.to_string(unit=u.deg, sep=":", precision=2, pad=True, alwayssign=True),
        "decimal": f"{ra:.6f} {dec:+.6f}",
    })
write("formats.json", {**HEADER, "note": "astropy Angle.to_string: RA hours precision 3, Dec precision 2, sign always",
                       "positions": formats})
