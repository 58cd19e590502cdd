#!/usr/bin/env bash
# Das.Sky benchmarks against astropy: runs each group, then prints one markdown table.
# Usage: bench/sky/run.sh            (BenchmarkDotNet short job; takes a few minutes on 2 cores)
#
# Layout: one function per benchmark group (section_*), each appending rows to $rows_file as
#   | group | operation | Das per item | astropy per item | astropy / Das |
# To add a group (e.g. HEALPix), write section_healpix and call it at the bottom.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
py=/usr/bin/python3
out="$root/artifacts/bench/sky"
rows_file="$out/rows.md"
mkdir -p "$out"
: > "$rows_file"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Runs BenchmarkDotNet for a filter; leaves the CSV report in $out/<name>/results.
run_bdn() { # name filter
  local name="$1" filter="$2"
  rm -rf "$out/$name"
  dotnet run -c Release --project "$root/bench/Das.Benchmarks" -- \
    --filter "$filter" --job short --exporters csv --artifacts "$out/$name" >"$out/$name.log" 2>&1 \
    || { tail -n 40 "$out/$name.log" >&2; echo "run.sh: BenchmarkDotNet failed (log: $out/$name.log)" >&2; exit 1; }
}

# Mean of one benchmark method, in microseconds, from the BenchmarkDotNet CSV report.
bdn_mean_us() { # name method
  "$py" - "$out/$1" "$2" <<'PY'
import csv, glob, sys
files = glob.glob(f"{sys.argv[1]}/results/*-report.csv")
for row in csv.DictReader(open(files[0], encoding="utf-8")):
    if row["Method"] == sys.argv[2]:
        value, unit = row["Mean"].replace(",", "").split()
        scale = {"ns": 1e-3, "us": 1.0, "μs": 1.0, "µs": 1.0, "ms": 1e3, "s": 1e6}[unit]
        print(f"{float(value) * scale:.6f}")
        break
else:
    sys.exit(f"no {sys.argv[2]} in {files[0]}")
PY
}

# | group | operation | das_us | astropy_us ("" when astropy has no counterpart) |
add_row() { # group operation das_us [astropy_us]
  "$py" - "$@" >>"$rows_file" <<'PY'
import sys
group, op, das = sys.argv[1], sys.argv[2], float(sys.argv[3])
ast = float(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else None
fmt = lambda us: f"{us * 1000:.0f} ns" if us < 1 else f"{us:.2f} µs"
ratio = f"{ast / das:,.0f}×" if ast else "–"
print(f"| {group} | {op} | {fmt(das)} | {fmt(ast) if ast else '–'} | {ratio} |")
PY
}

section_position_parse() {
  echo "== position parsing: 10 000 mixed strings (bench/sky/positions.txt)" >&2
  [[ -f "$here/positions.txt" ]] || "$py" "$here/make_positions.py" >&2
  local astropy_us
  astropy_us="$("$py" "$here/astropy_parse.py" "$here/positions.txt" | tee /dev/stderr | sed -n 's/^astropy_skycoord_us_per_string=//p')"
  run_bdn position-parse '*PositionParse*'
  add_row "Positions" "parse string → ICRS (SkyCoord(str))" "$(bdn_mean_us position-parse ParseMixedStrings)" "$astropy_us"
  add_row "Positions" "galactic → ICRS, one position" "$(bdn_mean_us position-parse GalacticToIcrs)"
  add_row "Positions" "FK4 B1950 → ICRS, one position" "$(bdn_mean_us position-parse Fk4ToIcrs)"
}

section_position_parse
# section_healpix   # (HEALPix/MOC rows: add the function above and call it here)

echo
echo "| Group | Operation | Das per item | astropy per item | astropy / Das |"
echo "|---|---|---|---|---|"
cat "$rows_file"
