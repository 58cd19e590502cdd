#!/usr/bin/env bash
# Times Das's parsers and das xmatch beside astropy, STILTS and the I/O floors in one run of the shared harness
# (../shared/bench/run-baselines.sh). Extra arguments go to that script, e.g. --quick, --only parse or --only xmatch.
# Results: $DAS_BENCH_DIR/results/<timestamp>.md (default /tmp/das-bench).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$root/../shared/bench/run-baselines.sh"
[[ -f "$shared" ]] || { echo "missing $shared" >&2; exit 2; }
"$root/das" --help >/dev/null            # builds the CLI when sources changed
dll="$root/artifacts/das/das.dll"
cases="$(mktemp --suffix=.json)"
trap 'rm -f "$cases"' EXIT
/usr/bin/python3 - "$dll" "$cases" <<'PY'
import json, sys
dll, out = sys.argv[1], sys.argv[2]
cases = []
for size, rows in (("1e4", 10_000), ("1e5", 100_000), ("1e6", 1_000_000)):
    for ext in ("b2.vot", "td.vot", "csv"):
        cases.append({"task": "parse", "tool": "das bench parse", "dataset": f"cat_{size}.{ext}",
                      "argv": ["dotnet", dll, "bench", "parse", "{data}/cat_" + size + "." + ext],
                      "runs": 5 if size != "1e6" else 3, "expect": {"rows": rows}})
# The cross-match of the harness's 10^5 x 10^6 catalogues at 1", as STILTS tmatch2 and astropy run it (find=best1,
# all and best are STILTS's names; best-symmetric is ours for find=best).
for find, stilts in (("best", "best1"), ("all", "all"), ("best-symmetric", "best")):
    for ext in ("b2.vot", "csv"):
        cases.append({"task": "xmatch", "tool": f"das xmatch --find {find} (STILTS find={stilts})",
                      "dataset": f"xm_small.{ext}+xm_large.{ext}",
                      "argv": ["dotnet", dll, "xmatch", "{data}/xm_small." + ext, "{data}/xm_large." + ext, "--radius", "1",
                               "--find", find, "--max-rows", "0"],
                      "runs": 3})
json.dump(cases, open(out, "w"), indent=1)
PY
exec bash "$shared" --extra "$cases" "$@"
