"""Reads a table file Das wrote with an independent reader and prints every cell as JSON.

Usage: dump_table.py votable|csv|xlsx PATH
Output: {"tables": [{"resource": ..., "resource_infos": [...], "name": ..., "columns": [...], "rows": [[...]]}],
         "warnings": [...]}
Cells: null for masked/empty, "NaN"/"Infinity"/"-Infinity" for non-finite floats, [re, im] for complex,
lists for arrays (flattened in file order, first index fastest), strings for text.
"""
import json
import math
import sys
import warnings

import numpy as np


def scalar(v):
    if v is None or v is np.ma.masked:
        return None
    if isinstance(v, (bytes, np.bytes_)):
        return v.decode("utf-8", "replace")
    if isinstance(v, (str, np.str_)):
        return str(v)
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (complex, np.complexfloating)):
        return [scalar(float(np.real(v))), scalar(float(np.imag(v)))]
    if isinstance(v, (np.integer, int)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        f = float(v)
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    return str(v)


def cell(v):
    if v is np.ma.masked or v is None:
        return None
    if isinstance(v, np.ma.MaskedArray):
        if v.ndim == 0:
            return None if bool(np.ma.getmaskarray(v)) else scalar(v.item())
        # Fortran order = the file's order (astropy reverses VOTable's first-fastest dimensions).
        flat_v = np.asarray(v.data).ravel(order="C")
        flat_m = np.ma.getmaskarray(v).ravel(order="C")
        return [None if m else scalar(x) for x, m in zip(flat_v, flat_m)]
    if isinstance(v, np.ndarray):
        return [scalar(x) for x in v.ravel(order="C")]
    return scalar(v)


def dump_votable(path):
    from astropy.io.votable import parse

    out = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        vot = parse(path, verify="warn")

    def walk(resource):
        for table in resource.tables:
            array = table.array
            columns = [{"name": f.name, "ID": f.ID, "datatype": f.datatype, "arraysize": f.arraysize,
                        "unit": str(f.unit) if f.unit is not None else None, "ucd": f.ucd} for f in table.fields]
            cols = [array[name] for name in array.dtype.names]
            rows = [[cell(col[i]) for col in cols] for i in range(len(array))]
            out.append({"resource": resource.name,
                        "resource_infos": [{"name": x.name, "value": x.value, "content": x.content} for x in resource.infos],
                        "name": table.name, "columns": columns, "rows": rows,
                        "params": [{"name": p.name, "value": scalar(p.value) if np.ndim(p.value) == 0 else cell(p.value)} for p in table.params]})
        for nested in resource.resources:
            walk(nested)

    for resource in vot.resources:
        walk(resource)
    return out, [str(w.message) for w in caught]


def dump_csv(path):
    from astropy.table import Table

    t = Table.read(path, format="ascii.csv", encoding="utf-8", fast_reader=False)
    rows = []
    for i in range(len(t)):
        rows.append([cell(t[c][i]) if not (np.ma.is_masked(t[c][i])) else None for c in t.colnames])
    return [{"name": None, "columns": [{"name": c, "dtype": str(t[c].dtype)} for c in t.colnames], "rows": rows}], []


def dump_xlsx(path):
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out = []
    for ws in wb.worksheets:
        rows = [[None if v is None else (v if not isinstance(v, float) else scalar(v)) for v in r]
                for r in ws.iter_rows(values_only=True)]
        out.append({"name": ws.title, "columns": [], "rows": rows})
    return out, []


def main():
    kind, path = sys.argv[1], sys.argv[2]
    tables, warns = {"votable": dump_votable, "csv": dump_csv, "xlsx": dump_xlsx}[kind](path)
    json.dump({"tables": tables, "warnings": warns}, sys.stdout, ensure_ascii=True, allow_nan=False)


main()
