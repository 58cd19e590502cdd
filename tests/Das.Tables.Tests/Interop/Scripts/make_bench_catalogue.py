"""Writes the shared benchmark catalogue (../shared/bench/gen_data.py: 21 columns, nulls of every kind, non-ASCII
text) at a small size, as the benchmark writes it: cat.td.vot (TABLEDATA), cat.b2.vot (BINARY2) and cat.csv.

Usage: make_bench_catalogue.py GEN_DATA_DIR ROWS OUTDIR
"""
import os
import sys

sys.path.insert(0, sys.argv[1])
import gen_data  # noqa: E402  (the shared generator: the same columns, nulls and writer settings as the benchmark files)

rows, out = int(sys.argv[2]), sys.argv[3]
table = gen_data.catalogue(rows, seed=20261124 + rows)
gen_data.write_vot(table, os.path.join(out, "cat.td.vot"), "tabledata")
gen_data.write_vot(table, os.path.join(out, "cat.b2.vot"), "binary2")
table.write(os.path.join(out, "cat.csv"), format="ascii.csv", overwrite=True)
