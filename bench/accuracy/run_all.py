#!/usr/bin/env python3
"""Runs every accuracy scorer in turn and prints their tables.

  python3 bench/accuracy/run_all.py [--extract PATH] [--lexicons DIR] [--data DIR] [--verbose]

--extract defaults to build/indexer/depeche-extract of the repo. A scorer whose data are absent
prints "skipped: ..." and the others still run; the exit code is 1 if any scorer failed.
"""

import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import scoring  # noqa: E402

SCORERS = ["hipe.py", "bio.py", "timebank.py", "recognizers.py", "corpus_gold.py"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--extract", default=os.path.join(scoring.REPO_ROOT, "build", "indexer", "depeche-extract"))
    ap.add_argument("--lexicons", default=os.path.join(scoring.REPO_ROOT, "corpus", "lexicons"))
    ap.add_argument("--data", help="data folder (default: $DEPECHE_DATA or ../shared/data from the repo root)")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    failed = []
    t0 = time.perf_counter()
    for name in SCORERS:
        cmd = [sys.executable, os.path.join(HERE, name), "--extract", args.extract, "--lexicons", args.lexicons]
        if args.data and name != "corpus_gold.py":
            cmd += ["--data", args.data]
        if args.verbose:
            cmd.append("--verbose")
        print(f"\n=== {name}", flush=True)
        start = time.perf_counter()
        rc = subprocess.call(cmd)
        print(f"=== {name}: {time.perf_counter() - start:.1f} s" + ("" if rc == 0 else f", FAILED ({rc})"), flush=True)
        if rc:
            failed.append(name)
    print(f"\nall scorers: {time.perf_counter() - t0:.1f} s" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
