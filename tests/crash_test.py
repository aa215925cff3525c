#!/usr/bin/env python3
"""Crash safety: depeche-index killed with SIGKILL at chosen moments.

Each trial starts an index job on the same input (JSON Lines with known ids,
bad records among them, one long run of bad records), kills it with SIGKILL
at a kill point and checks that:
  - the database, if there is one, opens and xapian-check passes;
  - it holds what the job's path promises:
      an existing database (updated in place, in input order): exactly the
      dispatches of the committed batches, a prefix of the good records
      ending at a commit the job reported (or, for a kill inside a commit, at
      that commit or the one before);
      a new database (built as parts in parallel, merged at the end): nothing
      until the merged database is renamed into place, then everything;
  - re-running the same job finishes with every dispatch present exactly once,
    the rejects file complete and no parts left behind (a new database's
    re-run takes up the killed job's parts).
Kill points, printed for each trial: inside a commit (just after the job
reports "commit-begin"), while writing --rejects (just after a reported
reject), right after a commit, at the start, at random times, while writing
the facet column (just after "column-begin") and, for a new database, during
the merge (just after "merge-begin"). After every kill, and after the re-run,
the facets counted through the database's facet column (if it is in step)
must equal those counted without it.

Usage: crash_test.py INDEX_BINARY SEARCH_BINARY SOURCE_DIR [TRIALS]
"""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

BATCH = 40


def corpus_texts(source):
    """(date, text) of every dispatch of corpus/sample, read simply."""
    texts = []
    folder = os.path.join(source, "corpus", "sample")
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if name.endswith(".jsonl"):
                    record = json.loads(line)
                    texts.append((record["date"], record["text"]))
                elif line.startswith("date "):
                    _, date, text = line.split(" ", 2)
                    texts.append((date, text))
    return texts


def write_input(path, texts, good_count):
    """JSON Lines: good_count good records, a bad one every 9th line and a run
    of 150 bad ones after the first third. Returns (good ids, bad count)."""
    good, bad = [], 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(good_count):
            if i == good_count // 3:
                for j in range(150):
                    f.write(json.dumps({"id": f"bad-run-{j}", "date": "2019-02-30", "text": "x"}) + "\n")
                    bad += 1
            if i % 9 == 4:
                f.write('{"id": "broken-%d", "date": \n' % i)
                bad += 1
            date, text = texts[i % len(texts)]
            ident = f"crash-{i:05d}"
            f.write(json.dumps({"id": ident, "date": date, "text": text}, ensure_ascii=False) + "\n")
            good.append(ident)
    return good, bad


class Job:
    """One depeche-index run whose trace events are read as they come."""

    def __init__(self, index, db, data, rejects):
        env = dict(os.environ, DEPECHE_TRACE="1")
        self.proc = subprocess.Popen(
            [index, "--db", db, "--batch-size", str(BATCH), "--threads", "2", "--rejects", rejects, data],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
        self.events = []  # (event, number)

    def read_until(self, wanted):
        """Reads trace lines until `wanted(event, n)` holds; False at the end."""
        for line in self.proc.stderr:
            parts = line.split()
            if len(parts) == 4 and parts[1] == "trace":
                self.events.append((parts[2], int(parts[3])))
                if wanted(parts[2], int(parts[3])):
                    return True
        return False

    def kill(self, delay):
        time.sleep(delay)
        self.proc.send_signal(signal.SIGKILL)
        # Events already in the pipe happened before the kill.
        self.read_until(lambda e, n: False)
        self.proc.wait()
        return self.proc.returncode


def ids_in(search, db):
    """The ids the database holds, and xapian-check's verdict."""
    if not os.path.exists(db):
        return [], True
    check = subprocess.run(["xapian-check", db], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if check.returncode != 0:
        print(check.stdout[-2000:])
        return None, False
    out = subprocess.run([search, "--db", db, "--json", "--limit", "100000", "--facet-limit", "1"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if out.returncode != 0:
        print("depeche-search:", out.stderr.strip())
        return None, True
    result = json.loads(out.stdout)
    return [hit["id"] for hit in result["hits"]], True


def facets_agree(search, db):
    """True when depeche-search counts the same facets with the database's
    facet column as without it (moved aside): a column out of step is never
    used, and one in step counts right. True when there is no database."""
    column = os.path.join(db, "depeche-facets")
    if not os.path.isdir(db):
        return True

    def outputs():
        return [subprocess.run([search, "--db", db, "--json", "--limit", "3", "--facet-limit", "0"] + query,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True).stdout
                for query in ([], ["ministre"])]

    with_column = outputs()
    if not os.path.exists(column):
        return True
    os.rename(column, column + ".aside")
    try:
        return outputs() == with_column
    finally:
        os.rename(column + ".aside", column)


def allowed_counts(events, new, total):
    """How many dispatches the database may hold after a kill. A new
    database: none until it is renamed into place (just before "merge-end"),
    then all. An existing one, from the commits the job reported: the last
    finished commit, or the one in flight."""
    if new:
        return {total} if any(e == "merge-end" for e, _ in events) else {0, total}
    done, in_flight = 0, None
    for event, n in events:
        if event == "commit-begin":
            in_flight = n
        elif event == "commit-end":
            done, in_flight = n, None
    return {done} if in_flight is None else {done, in_flight}


def main():
    index, search, source = sys.argv[1:4]
    trials = int(sys.argv[4]) if len(sys.argv) > 4 else 24
    if shutil.which("xapian-check") is None:
        print("xapian-check missing (Debian package xapian-tools)")
        return 1
    rng = random.Random(int(os.environ.get("DEPECHE_CRASH_SEED", "20261126")))
    work = tempfile.mkdtemp(prefix="depeche-crash-")
    try:
        data = os.path.join(work, "input.jsonl")
        good, bad = write_input(data, corpus_texts(source), 600)
        commits = (len(good) + BATCH - 1) // BATCH

        # A clean run: how long a whole job takes.
        started = time.monotonic()
        job = Job(index, os.path.join(work, "clean"), data, os.path.join(work, "clean.rejects"))
        job.read_until(lambda e, n: False)
        job.proc.wait()
        whole = time.monotonic() - started

        kinds = ["inside a commit", "writing rejects", "after a commit", "at the start", "at a random time",
                 "writing the facet column"]
        empty = os.path.join(work, "empty.jsonl")
        open(empty, "w").close()
        failures = 0
        for trial in range(trials):
            # Even trials update an existing (empty) database in place; odd
            # ones build a new database as parts.
            new = trial % 2 == 1
            trial_kinds = kinds + ["during the merge"] if new else kinds
            kind = trial_kinds[(trial // 2) % len(trial_kinds)]
            db, rejects = os.path.join(work, f"db{trial}"), os.path.join(work, f"rejects{trial}")
            delay = rng.uniform(0, whole)
            while True:
                if not new:
                    subprocess.run([index, "--db", db, "--quiet", empty], check=True)
                job = Job(index, db, data, rejects)
                if kind == "inside a commit":
                    k = rng.randrange(1, commits + 1)
                    target = min(k * BATCH, len(good))
                    job.read_until(lambda e, n: e == "commit-begin" and n >= target)
                    delay = rng.uniform(0, 0.003)
                    point = f"{delay * 1000:.1f} ms after commit-begin at {target}"
                elif kind == "writing rejects":
                    r = rng.randrange(1, bad)
                    job.read_until(lambda e, n: e == "reject" and n >= r)
                    delay = rng.uniform(0, 0.001)
                    point = f"{delay * 1000:.1f} ms after reject {r}"
                elif kind == "after a commit":
                    k = rng.randrange(1, commits)
                    job.read_until(lambda e, n: e == "commit-end" and n >= k * BATCH)
                    delay = 0
                    point = f"right after commit-end at {k * BATCH}"
                elif kind == "during the merge":
                    job.read_until(lambda e, n: e == "merge-begin")
                    delay = rng.uniform(0, 0.05)
                    point = f"{delay * 1000:.1f} ms after merge-begin"
                elif kind == "writing the facet column":
                    job.read_until(lambda e, n: e == "column-begin")
                    delay = rng.uniform(0, 0.004)
                    point = f"{delay * 1000:.1f} ms after column-begin"
                elif kind == "at the start":
                    delay = rng.uniform(0, 0.2)
                    point = f"{delay * 1000:.0f} ms after start"
                else:
                    point = f"{delay:.2f} s after start (a whole run took {whole:.2f} s)"
                status = job.kill(delay)
                if status == -signal.SIGKILL or kind not in ("at a random time", "during the merge",
                                                              "writing the facet column"):
                    break
                # The job finished before the kill (the machine is faster
                # now): try again sooner.
                shutil.rmtree(db, ignore_errors=True)
                shutil.rmtree(db + ".parts", ignore_errors=True)
                delay /= 2
            allowed = allowed_counts(job.events, new, len(good))
            if kind == "inside a commit":
                landed = ("commit-end", target) not in job.events
                point += " (the commit had not finished)" if landed else " (the commit finished first)"

            ids, checked = ids_in(search, db)
            problems = []
            if status != -signal.SIGKILL:
                problems.append(f"the job ended by itself (status {status}) before the kill")
            if not checked:
                problems.append("xapian-check fails")
            elif ids is None:
                problems.append("the database does not open")
            else:
                if len(ids) not in allowed:
                    problems.append(f"{len(ids)} dispatches, expected one of {sorted(allowed)}")
                if sorted(ids) != good[:len(ids)]:
                    problems.append("not a prefix of the input's good records")
            held = "?" if ids is None else len(ids)
            killed_facets_agree = ids is None or facets_agree(search, db)
            # Re-running the same job completes the database.
            rerun = subprocess.run([index, "--db", db, "--batch-size", str(BATCH), "--threads", "2",
                                    "--rejects", rejects, "--quiet", data],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if rerun.returncode != 3:
                problems.append(f"the re-run exited {rerun.returncode}, expected 3 (rejects)")
            after, checked = ids_in(search, db)
            if not checked or after is None or sorted(after) != good:
                problems.append("after the re-run the database does not hold every dispatch exactly once")
            if not killed_facets_agree:
                problems.append("after the kill the facet column counts differently")
            if not facets_agree(search, db):
                problems.append("after the re-run the facet column counts differently")
            if any(".tmp-" in name for name in os.listdir(db)):
                problems.append("the re-run left a temporary facet column behind")
            with open(rejects, encoding="utf-8", errors="replace") as f:
                if sum(1 for _ in f) != bad:
                    problems.append("the re-run's rejects file misses records")
            verdict = "ok" if not problems else "FAIL: " + "; ".join(problems)
            if os.path.exists(db + ".parts"):
                problems.append("the re-run left the parts behind")
            where = "a new database" if new else "an existing database"
            print(f"trial {trial + 1:2}: {where}, killed {kind}, {point}: held {held} -> {verdict}")
            failures += bool(problems)
            shutil.rmtree(db, ignore_errors=True)
        print(f"{trials - failures} passed, {failures} failed")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
