#!/usr/bin/env bash
# Installs what the tests need (idempotent), runs the whole suite, and ends with "N passed, N failed, N skipped".
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter-method '*Dec_minutes*']
set -uo pipefail
shopt -s globstar nullglob
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- Debian packages the tests use as real peers -------------------------------------------
# python3-astropy*/healpy: truth values for Das.Sky; stilts: votlint for every VOTable we write;
# astropy and python3-openpyxl also read back the VOTable, CSV and XLSX files Das writes;
# redis-server: the second cache level for the Das.Engine cache tests; chromium: the browser tests;
# aladin + default-jre-headless: Hipsgen for the HiPS builder and jobs; montage: the mosaic builder and jobs;
# python3-scipy: the mosaic tests' truth (astropy WCS + scipy interpolation);
# postgresql: the shared job store of the Hangfire engine (Das.Jobs.Hangfire.Tests);
# libjsamp-java + default-jdk-headless: the JSAMP SAMP hub of the browser SAMP tests (javac compiles
# ../shared/peers/samp/LoopbackHub.java, the hub bound to 127.0.0.1; astropy is their receiver and second hub);
# topcat + xvfb: TOPCAT itself, under a virtual display, as the receiver of the page's table.load.votable.
apt_packages=(python3-astropy python3-astropy-healpix python3-healpy python3-openpyxl python3-scipy stilts curl redis-server chromium
  aladin default-jre-headless montage postgresql libjsamp-java default-jdk-headless topcat xvfb)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
  echo "test.sh: installing ${missing[*]}" >&2
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || echo "test.sh: apt-get install failed; interop tests will report what is missing" >&2
  else
    echo "test.sh: not root; cannot install ${missing[*]} (interop tests will report what is missing)" >&2
  fi
fi

# --- The DaCHS peer: a real IVOA data centre on 127.0.0.1:8089 for the Das.Vo integration tests --
# ../shared/peers/dachs/up.sh installs GAVO DaCHS from Debian, imports synthetic data and serves it (about two
# minutes the first time, seconds after). The integration tests find it through DAS_DACHS_URL.
dachs_port="${DACHS_PORT:-8089}"
dachs_url="http://127.0.0.1:${dachs_port}"
dachs_up="$root/../shared/peers/dachs/up.sh"
if ! curl -sf -m 5 "$dachs_url/tap/availability" >/dev/null 2>&1; then
  if [[ -f "$dachs_up" && $(id -u) -eq 0 ]]; then
    echo "test.sh: starting the DaCHS peer (log: artifacts/dachs-up.log)" >&2
    mkdir -p "$root/artifacts"
    DACHS_PORT="$dachs_port" bash "$dachs_up" >"$root/artifacts/dachs-up.log" 2>&1 \
      || { echo "test.sh: DaCHS did not start; its integration tests will be skipped (see artifacts/dachs-up.log)" >&2; tail -n 20 "$root/artifacts/dachs-up.log" >&2; }
  else
    echo "test.sh: no DaCHS peer ($dachs_up missing or not root); its integration tests will be skipped" >&2
  fi
fi
if curl -sf -m 5 "$dachs_url/tap/availability" >/dev/null 2>&1; then
  export DAS_DACHS_URL="$dachs_url"
fi

# --- Redis: HybridCache's second level for the Das.Engine cache tests, on 127.0.0.1:6390 ---------------
# A private server on its own port (not a system one on 6379), memory only; one already answering there is reused.
# The cache tests find it through DAS_REDIS_URL. Without it they are reported as skipped, with the reason.
redis_port="${DAS_REDIS_PORT:-6390}"
redis_ping() { command -v redis-cli >/dev/null 2>&1 && [[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" == PONG ]]; }
if ! redis_ping; then
  if command -v redis-server >/dev/null 2>&1; then
    mkdir -p "$root/artifacts"
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --logfile "$root/artifacts/redis.log" --pidfile "$root/artifacts/redis.pid" >/dev/null 2>&1 \
      || echo "test.sh: redis-server did not start (see artifacts/redis.log)" >&2
    for _ in $(seq 1 50); do redis_ping && break; sleep 0.2; done
  else
    echo "test.sh: no redis-server (apt package redis-server); the Redis cache tests will be skipped" >&2
  fi
fi
if redis_ping; then
  export DAS_REDIS_URL="127.0.0.1:${redis_port}"
else
  echo "test.sh: nothing answers PING on 127.0.0.1:${redis_port}; the Redis cache tests will be skipped" >&2
fi

# --- PostgreSQL: the Hangfire engine's shared store, a private cluster on 127.0.0.1:5439 ----------------
# initdb in artifacts/postgres (trust auth, loopback only, fsync off: test data), run as the postgres user because the
# server refuses root. One already answering on the port is reused. The Hangfire tests find it through
# DAS_POSTGRES_URL; without it they are reported as skipped, with the reason.
pg_port="${DAS_POSTGRES_PORT:-5439}"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
pg_ready() { [[ -n "$pg_bin" ]] && "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" 2>/dev/null; }
if ! pg_ready && [[ -n "$pg_bin" ]]; then
  pg_dir="$root/artifacts/postgres"
  pg_user=postgres
  [[ $(id -u) -eq 0 ]] || pg_user="$(id -un)"
  as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  mkdir -p "$pg_dir"
  [[ $(id -u) -eq 0 ]] && chown postgres "$pg_dir"
  if [[ ! -f "$pg_dir/data/PG_VERSION" ]]; then
    as_pg "$pg_bin/initdb" -D "$pg_dir/data" --auth=trust -U "$pg_user" >"$root/artifacts/postgres-initdb.log" 2>&1 \
      || echo "test.sh: initdb failed (see artifacts/postgres-initdb.log)" >&2
  fi
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null 2>&1 \
    || echo "test.sh: PostgreSQL did not start (see artifacts/postgres/server.log)" >&2
fi
if pg_ready; then
  export DAS_POSTGRES_URL="Host=127.0.0.1;Port=${pg_port};Username=${pg_user:-postgres};Database=postgres"
else
  echo "test.sh: no PostgreSQL on 127.0.0.1:${pg_port} (apt package postgresql); the Hangfire engine tests will be skipped" >&2
fi

# --- Build and run every test project -------------------------------------------------------
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
dotnet build Das.slnx -c Release -nologo -v q 2>&1 | tail -n 30
build_rc=${PIPESTATUS[0]}
if (( build_rc != 0 )); then
  echo "test.sh: build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

dotnet test --solution Das.slnx -c Release --no-build --results-directory "$results" --report-xunit-trx "$@"
test_rc=$?

# Count outcomes from the TRX files every test project wrote (plain grep: no interpreter needed).
passed=0; failed=0; skipped=0
for trx in "$results"/**/*.trx; do
  [[ -f "$trx" ]] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  attr() { local v; v="$(grep -o " $1=\"[0-9]*\"" <<<"$counters" | grep -o '[0-9]*')"; echo "${v:-0}"; }
  passed=$(( passed + $(attr passed) ))
  failed=$(( failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) ))
  skipped=$(( skipped + $(attr notExecuted) ))
done
if (( test_rc != 0 && failed == 0 )); then failed=1; fi   # a crashed test host still counts as a failure
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
(( failed == 0 && test_rc == 0 ))
