#!/usr/bin/env python3
"""Runs every accuracy scorer in turn and prints their tables.

  python3 bench/accuracy/run_all.py [--extract PATH] [--lexicons DIR] [--data DIR] [--verbose]
                                    [--model FILE [--combine [--tagger-kind]]]

--extract defaults to build/indexer/depeche-extract of the repo. A scorer whose data are absent
prints "skipped: ..." and the others still run; the exit code is 1 if any scorer failed.
--model (and --combine, --tagger-kind) are passed on to depeche-extract: the statistical tagger's
names instead of the rules', or combined with them (see depeche-extract --help).
"""

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
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
    ap.add_argument("--model", help="tagger model for depeche-extract --model")
    ap.add_argument("--combine", action="store_true", help="with --model: depeche-extract --combine")
    ap.add_argument("--tagger-kind", action="store_true", help="with --combine: depeche-extract --tagger-kind")
    args = ap.parse_args(argv)
    if (args.combine or args.tagger_kind) and not args.model:
        ap.error("--combine and --tagger-kind need --model")
    with tempfile.TemporaryDirectory() as tmp:
        if args.model:
            # The scorers run "EXTRACT --lexicons DIR --format jsonl -": a wrapper adds the model options.
            extra = ["--model", os.path.abspath(args.model)] + (["--combine"] if args.combine else [])
            extra += ["--tagger-kind"] if args.tagger_kind else []
            wrapper = os.path.join(tmp, "depeche-extract")
            with open(wrapper, "w") as f:
                f.write("#!/bin/sh\nexec " + " ".join(shlex.quote(a) for a in [os.path.abspath(args.extract)] + extra)
                        + ' "$@"\n')
            os.chmod(wrapper, 0o755)
            args.extract = wrapper
        return run_scorers(args)


def run_scorers(args):
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
