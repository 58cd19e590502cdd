#!/usr/bin/env bash
# HEALPix benchmarks: Das (BenchmarkDotNet) against astropy-healpix and healpy on the same points and discs,
# printed as one markdown table with ratios (> 1× means Das is faster).
# Usage: bench/sky/run-healpix.sh        (BenchmarkDotNet short job; a few minutes on 2 cores)
# Both sides: ang2pix over 10^6 points (per point), query_disc inclusive at the Crab (per call).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
py=/usr/bin/python3
out="$root/artifacts/bench/healpix"
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== astropy-healpix and healpy (bench/sky/astropy_healpix.py)" >&2
"$py" "$here/astropy_healpix.py" | tee "$out/python.txt" >&2

echo "== Das (HealpixBenchmarks, BenchmarkDotNet short job)" >&2
rm -rf "$out/bdn"
dotnet run -c Release --project "$root/bench/Das.Benchmarks" -- \
  --filter '*HealpixBenchmarks*' --job short --exporters csv --artifacts "$out/bdn" >"$out/bdn.log" 2>&1 \
  || { tail -n 40 "$out/bdn.log" >&2; echo "run-healpix.sh: BenchmarkDotNet failed (log: $out/bdn.log)" >&2; exit 1; }

"$py" - "$out/python.txt" "$out/bdn" <<'PY'
import csv, glob, sys

py = dict(line.strip().split("=", 1) for line in open(sys.argv[1]) if "=" in line)
py = {k: float(v) for k, v in py.items()}
report = glob.glob(f"{sys.argv[2]}/results/*-report.csv")[0]
das = {}
for row in csv.DictReader(open(report, encoding="utf-8")):
    value, unit = row["Mean"].replace(",", "").split()
    das[row["Method"]] = float(value) * {"ns": 1e-3, "us": 1.0, "μs": 1.0, "µs": 1.0, "ms": 1e3, "s": 1e6}[unit]

def fmt(us):
    return f"{us * 1000:.1f} ns" if us < 1 else f"{us:,.1f} µs"

rows = [
    ("ang2pix NESTED order 10, per point (10^6 points)", "Ang2PixNestedOrder10", "astropy_ang2pix_nest10_us", "healpy_ang2pix_nest10_us"),
    ("ang2pix NESTED order 29, per point (10^6 points)", "Ang2PixNestedOrder29", "astropy_ang2pix_nest29_us", "healpy_ang2pix_nest29_us"),
    ("ang2pix RING order 10, per point (10^6 points)", "Ang2PixRingOrder10", "astropy_ang2pix_ring10_us", "healpy_ang2pix_ring10_us"),
    ("query_disc NESTED 1° at order 10 (pixel list)", "QueryDisc1DegOrder10", "astropy_cone_1deg_o10_us", "healpy_disc_1deg_o10_us"),
    ("query_disc NESTED 1° at order 10 (ranges)", "QueryDiscRanges1DegOrder10", "astropy_cone_1deg_o10_us", "healpy_disc_1deg_o10_us"),
    ("query_disc RING 1° at order 10 (pixel list)", "QueryDiscRing1DegOrder10", None, None),
    ("query_disc NESTED 10° at order 10 (pixel list)", "QueryDisc10DegOrder10", "astropy_cone_10deg_o10_us", "healpy_disc_10deg_o10_us"),
    ("query_disc NESTED 1′ at order 16 (pixel list)", "QueryDisc1ArcminOrder16", "astropy_cone_1arcmin_o16_us", "healpy_disc_1arcmin_o16_us"),
]
print("| Operation | Das | astropy-healpix | healpy | astropy-healpix / Das | healpy / Das |")
print("|---|---|---|---|---|---|")
for label, method, a, h in rows:
    d = das[method]
    av, hv = py.get(a), py.get(h)
    print(f"| {label} | {fmt(d)} | {fmt(av) if av else '–'} | {fmt(hv) if hv else '–'} | "
          f"{f'{av / d:,.1f}×' if av else '–'} | {f'{hv / d:,.1f}×' if hv else '–'} |")
PY
