#!/usr/bin/env python3
"""Reads a Das download as astronomers' tools do and prints one JSON object: what it holds, table by table.

Usage: check_download.py votable|xlsx|csv|json FILE
  votable  astropy.io.votable (verify='exception': any spec warning fails), every RESOURCE's tables and rows
  xlsx     openpyxl, every sheet's name and row count (header row included)
  csv      astropy ascii.csv, one file or a ZIP of CSV files: each file's rows and column names
  json     the JSON parsed; the top-level keys, and outcomes/rows when it is a whole query or one table
Exits non-zero (with the reader's own error) when the file cannot be read.
"""
import json
import sys
import zipfile


def votable(path):
    from astropy.io.votable import parse
    vot = parse(path, verify="exception")
    return {"tables": [{"resource": r.name, "rows": len(t.array)} for r in vot.resources for t in r.tables]}


def xlsx(path):
    import openpyxl
    book = openpyxl.load_workbook(path, read_only=True)
    return {"sheets": [{"name": ws.title, "rows": sum(1 for _ in ws.iter_rows())} for ws in book.worksheets]}


def csv(path):
    from astropy.table import Table

    def read(name, text):
        t = Table.read(text, format="ascii.csv")
        return {"file": name, "rows": len(t), "columns": list(t.colnames)}

    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return {"files": [read(n, z.read(n).decode("utf-8")) for n in sorted(z.namelist())]}
    with open(path, encoding="utf-8") as f:
        return {"files": [read(path, f.read())]}


def json_(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    out = {"keys": sorted(doc.keys())}
    if "outcomes" in doc:
        out["outcomes"] = [{"source": o["source"], "status": o["status"], "rows": o["rows"]} for o in doc["outcomes"]]
    if "rows" in doc:
        out["rows"] = len(doc["rows"])
    return out


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    print(json.dumps({"votable": votable, "xlsx": xlsx, "csv": csv, "json": json_}[kind](path)))
