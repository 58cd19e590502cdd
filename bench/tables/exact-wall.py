#!/usr/bin/python3
"""Times das bench parse, STILTS tpipe count and the C byte scan on the shared 10^6-row files, interleaved, with exact
wall times. Why: the shared harness (../shared/bench/harness.py) waits for each child with Popen.wait(timeout=...),
which in CPython polls with sleeps that grow to 50 ms; a child's exit is noticed at the next poll, so its wall times
come in steps of 50 ms (0.114, 0.164, ..., 0.265, 0.315 s: the polls at 113, 163, ..., 263, 313 ms after the start,
plus the spawn). A 0.27 s run reads 0.315 s, 17 % more; STILTS's 2 s runs lose at most 2.5 %. Here the wait blocks
in waitpid (no timeout), so the wall time is the child's.

  bench/tables/exact-wall.py [--runs 3] [--data /tmp/das-bench/data]

Like the harness: each file is dropped from the page cache and read back once first; runs wait (up to 2 s) for a
moment when other processes use under 0.3 cores. Prints min and median per tool and the ratios of medians.
"""
import argparse
import os
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def busy_seconds():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(limit=2.0):
    waited = 0.0
    while waited < limit:
        b0 = busy_seconds()
        time.sleep(0.25)
        waited += 0.25
        if (busy_seconds() - b0) / 0.25 < 0.3:
            return


def warm(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
    with open(path, "rb") as f:
        while f.read(1 << 22):
            pass


def wall(argv):
    wait_for_quiet()
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    p.wait()  # blocks in waitpid: no polling steps
    t1 = time.perf_counter()
    if p.returncode != 0:
        raise SystemExit(f"{argv} exited {p.returncode}")
    return t1 - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data", default=os.path.join(os.environ.get("DAS_BENCH_DIR", "/tmp/das-bench"), "data"))
    args = ap.parse_args()
    dll = os.path.join(ROOT, "artifacts", "das", "das.dll")
    scan = os.path.join(os.path.dirname(args.data), "bin", "bytescan")
    subprocess.run([os.path.join(ROOT, "das"), "--help"], stdout=subprocess.DEVNULL, check=True)
    print(f"load average {open('/proc/loadavg').read().split()[:3]}")
    for name, fmt in (("cat_1e6.b2.vot", "votable"), ("cat_1e6.td.vot", "votable"), ("cat_1e6.csv", "csv")):
        path = os.path.join(args.data, name)
        warm(path)
        tools = {
            "das bench parse": ["dotnet", dll, "bench", "parse", path],
            "stilts tpipe count": ["stilts", "tpipe", f"in={path}", f"ifmt={fmt}", "omode=count"],
            "bytescan (C)": [scan, path],
        }
        times = {t: [] for t in tools}
        for _ in range(args.runs):
            for tool, argv in tools.items():
                times[tool].append(wall(argv))
        med = {t: statistics.median(v) for t, v in times.items()}
        for tool, v in times.items():
            print(f"{name:16} {tool:20} min {min(v):.3f} s  median {med[tool]:.3f} s  ({', '.join(f'{x:.3f}' for x in v)})")
        print(f"{name:16} das: {med['stilts tpipe count'] / med['das bench parse']:.1f}x faster than STILTS, "
              f"{med['das bench parse'] / med['bytescan (C)']:.1f}x the byte scan")


if __name__ == "__main__":
    main()
