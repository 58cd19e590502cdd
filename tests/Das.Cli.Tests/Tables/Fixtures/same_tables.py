#!/usr/bin/python3
"""Reads two table files with astropy and says whether every cell is the same (value and mask).

Usage: same_tables.py ORIGINAL CONVERTED   (VOTable by default; .csv files are read as ascii.csv)
Prints one JSON object: {"same": bool, "rows": N, "columns": N, "differences": [...], "warnings": [...]}.
"""
import json
import sys
import warnings

import numpy as np
from astropy.table import Table


def read(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if path.endswith(".csv"):
            t = Table.read(path, format="ascii.csv")
        else:
            t = Table.read(path, format="votable")
    return t, [str(w.message) for w in caught]


def cell(col, i):
    v = col[i]
    if isinstance(v, np.ndarray) and np.ndim(v) == 0:   # a scalar that came back as a 0-d (masked) array
        if bool(np.ma.getmaskarray(v)):
            return None
        v = np.ma.getdata(v).item()
    if isinstance(v, np.ndarray):          # array cell (fixed or variable length): element masks count
        mask = np.ma.getmaskarray(v).ravel()
        data = np.asarray(np.ma.getdata(v)).ravel().tolist()
        return [None if m else cell_value(x) for x, m in zip(data, mask)]
    if v is np.ma.masked or (hasattr(col, "mask") and np.ndim(np.ma.getmaskarray(col)[i]) == 0 and bool(np.ma.getmaskarray(col)[i])):
        return None
    if isinstance(v, bytes):
        v = v.decode("utf-8")
    return cell_value(v.item() if hasattr(v, "item") else v)


def cell_value(v):
    if isinstance(v, float) and v != v:
        return None          # NaN and null are the same thing in a VOTable float column
    if isinstance(v, str):
        v = v.strip()
        if v in ("True", "False"):   # astropy's CSV reader leaves booleans as text
            return v == "True"
        return v or None             # TABLEDATA cannot tell empty from null; astropy strips TD text
    return v


a, wa = read(sys.argv[1])
b, wb = read(sys.argv[2])
diffs = []
if a.colnames != b.colnames:
    diffs.append(f"columns differ: {a.colnames} vs {b.colnames}")
if len(a) != len(b):
    diffs.append(f"rows differ: {len(a)} vs {len(b)}")
for name in a.colnames:
    if name not in b.colnames:
        continue
    for i in range(min(len(a), len(b))):
        x, y = cell(a[name], i), cell(b[name], i)
        if x != y and not (isinstance(x, float) and isinstance(y, float) and np.float32(x) == np.float32(y) and a[name].dtype.kind == "f" and a[name].dtype.itemsize == 4):
            diffs.append(f"{name}[{i}]: {x!r} vs {y!r}")
            if len(diffs) > 20:
                break
print(json.dumps({"same": not diffs, "rows": len(b), "columns": len(b.colnames), "differences": diffs, "warnings": wb}))
