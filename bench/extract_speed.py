#!/usr/bin/env python3
"""How fast does depeche-extract read, analyse and recognise? (issue 3: at
least 15 MB/s of text per core on OrangeSum articles.)

    bench/extract_speed.py [--runs N] [--base BUILD] [--work DIR] [--data DIR] BUILD

BUILD is a CMake build folder of depeche (Release for figures worth quoting)
holding indexer/depeche-extract; the lexicons are those of the source tree it
was configured from (its CMakeCache.txt). The input is every OrangeSum article
as one JSON Lines record (bench/corpus.py 36152: 35,987 good records, 165
empty bodies that depeche-extract rejects and counts), written once into the
work folder (default ${TMPDIR:-/tmp}/depeche-bench/extract).

Each run is one process, one thread, pinned to the last core, its output
thrown away; the figure is its user CPU time (the wall time is printed
beside it: on a busy machine it grows, the user time much less). MB/s counts
the UTF-8 bytes of title + text of the good records, the same bytes as every
MB/s of bench/run.sh, and the lexicon load is included. With --base, a
second build (say the commit before a change) runs alternately with BUILD in
the same runs, and the ratio of the medians is printed: on a shared machine
that ratio is the figure to trust, the absolute MB/s is the machine's too.

Without ../shared/data/orangesum the script says so and exits 0.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTICLES = 36152


def source_dir(build):
    """The source tree a CMake build folder was configured from."""
    with open(os.path.join(build, "CMakeCache.txt")) as f:
        for line in f:
            if line.startswith("CMAKE_HOME_DIRECTORY:"):
                return line.split("=", 1)[1].strip()
    raise SystemExit("bench/extract_speed.py: %s/CMakeCache.txt names no source folder" % build)


class Build:
    def __init__(self, path):
        self.path = os.path.abspath(path)
        self.binary = os.path.join(self.path, "indexer", "depeche-extract")
        if not os.access(self.binary, os.X_OK):
            raise SystemExit("bench/extract_speed.py: no %s (build the depeche-extract target)" % self.binary)
        self.lexicons = os.path.join(source_dir(self.path), "corpus", "lexicons")
        self.user, self.wall = [], []


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def pin_last_core():
    cores = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cores[-1]})


def run_once(build, corpus):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.run([build.binary, "--lexicons", build.lexicons, corpus],
                              stdout=sink, stderr=subprocess.PIPE, preexec_fn=pin_last_core)
    wall = time.perf_counter() - start
    user = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before
    # Exit status 3: records were set aside (the empty bodies), as expected.
    if proc.returncode not in (0, 3):
        raise SystemExit("bench/extract_speed.py: %s exited %d: %s"
                         % (build.binary, proc.returncode, proc.stderr.decode(errors="replace")[-2000:]))
    build.user.append(user)
    build.wall.append(wall)
    return user, wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--base", help="a second build, run alternately, for the ratio")
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "orangesum"))
    ap.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "depeche-bench", "extract"))
    a = ap.parse_args()
    if a.runs < 1:
        ap.error("--runs must be at least 1")
    if not os.path.exists(os.path.join(a.data, "orangesum-docs-parsed.tar.xz")):
        print("bench/extract_speed.py: skipped: no OrangeSum archive in %s" % a.data)
        return 0
    builds = [Build(a.build)] + ([Build(a.base)] if a.base else [])

    os.makedirs(a.work, exist_ok=True)
    corpus = os.path.join(a.work, "all.jsonl")
    stats_file = os.path.join(a.work, "all.json")
    if not os.path.exists(stats_file):
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "corpus.py"), "--data", a.data,
                        "--stats", stats_file, str(ARTICLES), corpus], check=True)
    with open(stats_file) as f:
        mb = json.load(f)["raw_bytes"] / 1e6

    names = ["new", "base"]
    print("input: %s, %.2f MB of title + text; one thread on the last core; user (wall) seconds" % (corpus, mb))
    for r in range(1, a.runs + 1):
        # Alternate which build goes first, so neither always follows the other.
        order = list(range(len(builds)))
        if r % 2 == 0:
            order.reverse()
        for i in order:
            load = load1()
            user, wall = run_once(builds[i], corpus)
            print("run %d %-4s load %5.2f  %6.2f s (%6.2f)  %5.1f MB/s" % (r, names[i], load, user, wall, mb / user))
        sys.stdout.flush()

    print()
    print("| build | median user s (min-max) | median wall s | MB/s a core (median) |")
    print("|---|---|---|---|")
    for i, b in enumerate(builds):
        med = statistics.median(b.user)
        print("| %s %s | %.2f (%.2f-%.2f) | %.2f | %.1f |"
              % (names[i], b.path, med, min(b.user), max(b.user), statistics.median(b.wall), mb / med))
    if a.base:
        ratios = [n / o for n, o in zip(builds[0].user, builds[1].user)]
        print()
        print("new / base user time: %.3f (median of the ratios of the runs, %.3f-%.3f; ratio of the medians %.3f)"
              % (statistics.median(ratios), min(ratios), max(ratios),
                 statistics.median(builds[0].user) / statistics.median(builds[1].user)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
