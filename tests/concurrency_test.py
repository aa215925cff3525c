#!/usr/bin/env python3
"""Readers and the writer: searches run while an index job commits batch
after batch. Each search must succeed and see a committed state at least as
recent as the one before it (the totals never go down); a second writer gets
one line naming the database and its lock; after the job, a search sees
every dispatch.

Usage: concurrency_test.py INDEX_BINARY SEARCH_BINARY SOURCE_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def main():
    index, search, source = sys.argv[1:4]
    work = tempfile.mkdtemp(prefix="depeche-concurrent-")
    try:
        # corpus/sample five times over, with distinct ids.
        data = os.path.join(work, "input.jsonl")
        count = 0
        with open(data, "w", encoding="utf-8") as out:
            for copy in range(5):
                for name in sorted(os.listdir(os.path.join(source, "corpus", "sample"))):
                    if not name.endswith(".txt"):
                        continue
                    with open(os.path.join(source, "corpus", "sample", name), encoding="utf-8") as f:
                        for line in f:
                            if line.startswith("date "):
                                _, date, text = line.rstrip("\n").split(" ", 2)
                                out.write(json.dumps({"id": f"c{copy}-{count}", "date": date, "text": text},
                                                     ensure_ascii=False) + "\n")
                                count += 1
        db = os.path.join(work, "db")
        job = subprocess.Popen([index, "--quiet", "--db", db, "--batch-size", "20", "--threads", "1", data],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        failures, totals, second_writer_checked = [], [], False
        while job.poll() is None:
            if not os.path.exists(os.path.join(db, "iamglass")):
                time.sleep(0.01)
                continue
            # Browse everything and a word query: both must answer.
            for query in ([], ["ministre"]):
                r = subprocess.run([search, "--db", db, "--json", "--limit", "3"] + query,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                if r.returncode != 0:
                    failures.append(f"search {query} during the job: exit {r.returncode}: {r.stderr.strip()}")
                elif not query:
                    totals.append(json.loads(r.stdout)["total"])
            if not second_writer_checked and job.poll() is None:
                r = subprocess.run([index, "--quiet", "--db", db, data],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                if job.poll() is None:
                    second_writer_checked = True
                    lines = r.stderr.strip().splitlines()
                    if r.returncode != 1 or len(lines) != 1 or db not in lines[0] or "lock" not in lines[0]:
                        failures.append(f"second writer: exit {r.returncode}, stderr: {r.stderr.strip()}")
        job.wait()
        if job.returncode != 0:
            failures.append(f"the index job failed: {job.stderr.read().strip()}")
        if totals != sorted(totals):
            failures.append(f"a search saw fewer dispatches than the one before it: {totals}")
        if len(set(totals)) < 3:
            failures.append(f"too few distinct commits seen to test anything: {totals}")
        if not second_writer_checked:
            failures.append("the job ended before a second writer could be tried")
        r = subprocess.run([search, "--db", db, "--json", "--limit", "0"], stdout=subprocess.PIPE, text=True)
        final = json.loads(r.stdout)["total"]
        if final != count:
            failures.append(f"after the job: {final} dispatches, expected {count}")
        print(f"{len(totals)} searches during the job saw totals from {totals[0] if totals else '-'} "
              f"to {totals[-1] if totals else '-'}; {count} dispatches in the end")
        for f in failures:
            print("FAIL:", f)
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
