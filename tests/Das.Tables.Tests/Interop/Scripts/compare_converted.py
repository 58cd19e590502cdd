"""Checks that a VOTable Das converted holds the same table as the original, both read by astropy.

Usage: compare_converted.py ORIGINAL CONVERTED
  ORIGINAL   a VOTable (any serialization) or a CSV (by extension .csv)
  CONVERTED  the VOTable `das table convert` wrote from it

Column by column, vectorised (fast on 10^6 rows): same names in the same order, same row count, and every cell the
same: a masked cell or NaN on one side must be masked or NaN on the other; numbers must be equal exactly (no
tolerance: a float32 stays float32, a double keeps all its bits); text must be equal; booleans equal. For a VOTable
original the datatypes must match too (kind and size). A CSV has no datatypes: its columns are compared by value
(astropy reads True/False as text, Das as boolean, so booleans are compared as their text).
Prints one line per column and exits 1 at any difference, printing the first rows that differ.
Any astropy warning on the converted file is a failure as well.
"""
import sys
import warnings

import numpy as np


def read(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if path.endswith(".csv"):
            from astropy.table import Table
            table = Table.read(path, format="ascii.csv")
        else:
            from astropy.io.votable import parse
            table = parse(path, verify="warn").get_first_table().to_table()
    return table, [str(w.message) for w in caught]


def parts(column):
    """(values, null mask) with NaN counted as null, as Das does for floating point."""
    data = np.asarray(column)
    mask = np.array(np.ma.getmaskarray(column), copy=True)
    if data.dtype.kind == "f":
        mask |= np.isnan(data)
    elif data.dtype.kind == "c":
        mask |= np.isnan(data.real) & np.isnan(data.imag)
    elif data.dtype.kind in "USO":          # fixed-width or variable-length (object) text
        text = np.array(["" if x is None or x is np.ma.masked else x.decode("utf-8") if isinstance(x, bytes) else str(x)
                         for x in data], dtype=object) if data.dtype.kind == "O" else data.astype(str).astype(object)
        mask |= text == ""                 # an empty string is null in every serialization
        data = text
    return data, mask


def main():
    original_path, converted_path = sys.argv[1], sys.argv[2]
    original, _ = read(original_path)
    converted, converted_warnings = read(converted_path)
    failures = []
    if converted_warnings:
        failures.append("astropy warned on the converted file: " + "; ".join(converted_warnings[:5]))
    if original.colnames != converted.colnames:
        failures.append(f"column names differ: {original.colnames} vs {converted.colnames}")
    if len(original) != len(converted):
        failures.append(f"row counts differ: {len(original)} vs {len(converted)}")
    csv = original_path.endswith(".csv")
    if not failures:
        for name in original.colnames:
            a, ma = parts(original[name])
            b, mb = parts(converted[name])
            if not csv and a.dtype != b.dtype:
                failures.append(f"{name}: datatype {a.dtype} became {b.dtype}")
                continue
            if csv and b.dtype.kind == "b" and a.dtype.kind == "O":
                b = np.where(b, "True", "False").astype(object)
            if csv and a.dtype.kind != b.dtype.kind and not (a.dtype.kind in "iuf" and b.dtype.kind in "iuf"):
                failures.append(f"{name}: astropy reads the CSV as {a.dtype}, the VOTable as {b.dtype}")
                continue
            differ = ma != mb
            both = ~ma & ~mb
            differ |= both & (a != b)
            bad = np.flatnonzero(differ)
            print(f"{name:20s} {str(original[name].dtype):>8s} -> {str(converted[name].dtype):>8s}  "
                  f"{len(a)} rows, {int(ma.sum())} null, {len(bad)} different")
            if len(bad):
                rows = ", ".join(f"row {r}: {a[r]!r}{' (null)' if ma[r] else ''} vs {b[r]!r}{' (null)' if mb[r] else ''}" for r in bad[:3])
                failures.append(f"{name}: {len(bad)} cells differ ({rows})")
    for f in failures:
        print("DIFFERENT:", f)
    print(f"{original_path} -> {converted_path}: {'identical' if not failures else 'DIFFERENT'} "
          f"({len(original)} rows x {len(original.colnames)} columns)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
