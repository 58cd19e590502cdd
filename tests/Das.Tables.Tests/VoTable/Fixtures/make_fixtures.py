#!/usr/bin/python3
"""Regenerates the astropy- and STILTS-written fixtures (run with Debian's /usr/bin/python3: astropy 5.2).

  /usr/bin/python3 make_fixtures.py

The hand-written fixtures (errors, truncation, QUERY_STATUS placement) and the DaCHS captures are not touched.
"""
import subprocess
import numpy as np
from astropy.table import Table, MaskedColumn, Column
from astropy.io.votable import from_table

t = Table()
t["id"] = MaskedColumn(np.array([1, 2, 3, 4], dtype=np.int32), mask=[False, True, False, False])
t["big"] = MaskedColumn(np.array([9007199254740993, -5, 0, 7], dtype=np.int64), mask=[False, False, True, False])
t["small"] = MaskedColumn(np.array([-300, 12, 0, 5], dtype=np.int16), mask=[False, False, False, True])
t["ubyte"] = MaskedColumn(np.array([0, 255, 17, 3], dtype=np.uint8), mask=[False, False, True, False])
t["mag"] = np.array([12.5, np.nan, -0.25, 3.0e-5], dtype=np.float32)
t["ra"] = np.array([334.02, 10.684708333333333, np.nan, -1.5e300], dtype=np.float64)
t["flag"] = MaskedColumn(np.array([True, False, True, False]), mask=[False, False, True, False])
t["name"] = MaskedColumn(np.char.encode(np.array(["FRB host", "M31", "", "x<&>y"]), "ascii"), mask=[False, False, True, False])
t["code"] = np.char.encode(np.array(["AB", "ABCDEFGH", "", "Q"]), "ascii")
t["label"] = np.array(["Großer Nachbar", "α Cen", "星団", "plain"])
t["vec"] = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [np.nan, 0.0, -1.0], [7.5, 8.5, 9.5]])
t["z"] = np.array([1 + 2j, -0.5 + 0j, 0 - 3.25j, 1e10 + 1e-10j], dtype=np.complex128)
t["ra"].unit = "deg"
t["mag"].unit = "mag"


def votable(fmt, path):
    vot = from_table(t)
    table = vot.get_first_table()
    table.name = "mixed"
    for f in table.fields:
        if f.name == "id":
            f.values.null = -999
            f.ucd = "meta.id;meta.main"
        if f.name == "big":
            f.values.null = -1
        if f.name == "small":
            f.values.null = -32768
        if f.name == "ubyte":
            f.values.null = 99
        if f.name == "ra":
            f.ucd = "pos.eq.ra;meta.main"
        if f.name in ("name", "label"):
            f.arraysize = "*"
        if f.name == "code":
            f.arraysize = "8"
        if f.name == "label":
            f.datatype = "unicodeChar"
        if f.name == "flag":
            f.datatype = "boolean"
        f._setup(f._config, f._pos)
    vot.to_xml(path, tabledata_format=fmt)


for fmt, suffix in (("tabledata", "td"), ("binary", "bin"), ("binary2", "b2")):
    votable(fmt, f"astropy_mixed.{suffix}.xml")

# STILTS re-writes astropy's TABLEDATA in its three serialisations.
for ofmt, suffix in (("votable-tabledata", "td"), ("votable-binary-inline", "bin"), ("votable-binary2-inline", "b2")):
    subprocess.run(["stilts", "tcopy", "in=astropy_mixed.td.xml", "ifmt=votable", f"ofmt={ofmt}",
                    f"out=stilts_mixed.{suffix}.xml"], check=True)
