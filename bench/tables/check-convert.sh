#!/usr/bin/env bash
# Issue 8's done-when check on the shared benchmark files: `das table convert` of each 10^6-row catalogue
# (BINARY2, TABLEDATA, CSV) to a VOTable (BINARY2; --td also to TABLEDATA) that STILTS votlint accepts silently and
# astropy reads back cell for cell the same as the original (tests/Das.Tables.Tests/Interop/Scripts/compare_converted.py).
#
#   bench/tables/check-convert.sh [--size 1e6|1e5|1e4] [--td]
#
# Data: $DAS_BENCH_DIR/data (default /tmp/das-bench/data, made by ../shared/bench/gen_data.py or run-baselines.sh).
# Converted files go to $DAS_BENCH_DIR/convert/. Exits 1 if any check fails.
# The same check runs as a test on 10^4 rows: Das.Tables.Tests BenchCatalogueRoundTripTests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench="${DAS_BENCH_DIR:-/tmp/das-bench}"
size=1e6
formats=(votable)
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift;;
    --td) formats+=(votable-td);;
    -h|--help) sed -n 2,11p "$0"; exit 0;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
  shift
done
data="$bench/data"
out="$bench/convert"
mkdir -p "$out"
compare="$root/tests/Das.Tables.Tests/Interop/Scripts/compare_converted.py"
"$root/das" --help >/dev/null            # builds the CLI when sources changed
dll="$root/artifacts/das/das.dll"   # then runs that build (an edit meanwhile does not rebuild it)
status=0
for ext in b2.vot td.vot csv; do
  src="$data/cat_$size.$ext"
  [ -f "$src" ] || { echo "missing $src (run ../shared/bench/gen_data.py --sizes $size)" >&2; exit 2; }
  for format in "${formats[@]}"; do
    dst="$out/cat_$size.$ext.$format.vot"
    echo "== $src -> $dst ($format)"
    /usr/bin/time -f "   convert: %e s wall, %M KB peak RSS" dotnet "$dll" table convert "$src" "$dst" --format "$format"
    lint="$(stilts votlint validate=true ucd=true unit=true votable="$dst" 2>&1)"
    if [ -n "$lint" ]; then
      echo "   votlint: NOT SILENT"; echo "$lint" | head -20 | sed 's/^/   /'; status=1
    else
      echo "   votlint: silent"
    fi
    /usr/bin/python3 "$compare" "$src" "$dst" | sed 's/^/   /' || status=1
  done
done
echo "== $( [ $status -eq 0 ] && echo 'all converted files pass' || echo 'FAILED' )"
exit $status
