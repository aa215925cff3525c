#!/usr/bin/env python3
"""The measuring half of bench/run.sh (which builds, makes the corpus and the
queries, then calls this). Not meant to be run by hand, but it can be:

    bench/bench.py --build B --work W --corpus C.jsonl --corpus-stats C.json
                   --queries Q.jsonl --lucene-cp CP --runs R --out RESULT.md

Each run, in this order: depeche-index --threads 1 and --threads 2, the
stock-Xapian baseline, Lucene with 1 and 2 threads (each into a fresh
database, under /usr/bin/time -v for the peak RSS); then, pinned to one core
(taskset -c 0), the in-process query latencies of depeche (query_bench), Xapian
and Lucene, each with and without facets, and every query as a whole
depeche-search --json process (and as a whole xapian_baseline process). Every
figure is kept per run; the table shows the median over the runs, the spread
(min-max), and each depeche figure over the same figure of each baseline,
computed run by run, then the median of those ratios.

With --queries-only, each run measures the queries only, on the databases of
the last full run in WORK; depeche's is rebuilt once with 2 threads first.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

BUCKETS = [(0, 0, "0"), (1, 10, "1-10"), (11, 100, "11-100"), (101, 1000, "101-1k"), (1001, 10000, "1k-10k"),
           (10001, 100000, "10k-100k"), (100001, 10 ** 12, ">100k")]


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def timed(cmd, ok=(0,), rss_file=None, **kw):
    """Runs cmd; returns (seconds, stdout, peak RSS in MB or None)."""
    if rss_file:
        cmd = ["/usr/bin/time", "-v", "-o", rss_file] + cmd
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    seconds = time.perf_counter() - start
    if proc.returncode not in ok:
        raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), proc.returncode, proc.stderr[-2000:]))
    rss = None
    if rss_file:
        with open(rss_file) as f:
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
            rss = int(m.group(1)) / 1024 if m else None
    return seconds, proc.stdout, rss


def du_bytes(path):
    return int(subprocess.run(["du", "-sb", path], stdout=subprocess.PIPE, text=True, check=True).stdout.split()[0])


def percentile(values, p):
    """Nearest-rank percentile of a non-empty list."""
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(-(-p * len(v) // 100)) - 1))
    return v[k]


def depeche_search_args(q):
    args = ["--json", "--limit", "10", "--facet-limit", "10"]
    for kind in ("person", "place", "org"):
        if q.get(kind):
            args += ["--" + kind, q[kind]]
    if q.get("from"):
        args += ["--from", q["from"]]
    if q.get("to"):
        args += ["--to", q["to"]]
    if q.get("q"):
        args += ["--", q["q"]]
    return args


class Bench:
    def __init__(self, a):
        self.a = a
        self.build = a.build
        self.work = a.work
        with open(a.corpus_stats) as f:
            self.corpus = json.load(f)
        with open(a.queries) as f:
            self.queries = [json.loads(line) for line in f if line.strip()]
        self.index_bin = os.path.join(self.build, "indexer", "depeche-index")
        self.search_bin = os.path.join(self.build, "searcher", "depeche-search")
        self.query_bench = os.path.join(self.build, "bench", "query_bench")
        self.xapian = os.path.join(self.build, "bench", "xapian_baseline")
        self.java = ["java", "-cp", a.lucene_cp, "LuceneBench"]
        self.one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else []
        self.runs = []  # one dict of figures per run
        self.latency = {}  # (engine, mode) -> {qid: [ms per run]}
        self.totals = {}  # qid -> depeche exact total (last run)

    def db(self, name):
        path = os.path.join(self.work, name)
        shutil.rmtree(path, ignore_errors=True)
        return path

    # ---- indexing

    def index_depeche(self, threads, fig):
        db = self.db("depeche-t%d" % threads)
        stats = os.path.join(self.work, "stats-t%d.json" % threads)
        seconds, _, rss = timed([self.index_bin, "--quiet", "--db", db, "--threads", str(threads),
                                 "--stats-json", stats, "--rejects", os.path.join(self.work, "rejects.txt"),
                                 self.a.corpus], ok=(0, 3), rss_file=os.path.join(self.work, "time.txt"))
        open_s, out, _ = timed([self.xapian, "open", db])
        with open(stats) as f:
            s = json.load(f)
        if s["rejected"] != self.corpus["rejected"] or int(out) != self.corpus["good"]:
            raise RuntimeError("depeche-index: %s rejected, %s in the database; the corpus has %d empty bodies, %d good"
                               % (s["rejected"], out.strip(), self.corpus["rejected"], self.corpus["good"]))
        self.record_index(fig, "depeche-t%d" % threads, seconds + open_s, rss, du_bytes(db))
        fig["depeche-t%d.rejected" % threads] = s["rejected"]
        fig["depeche-t%d.internal_s" % threads] = s["seconds"]
        return db

    def index_xapian(self, fig):
        db = self.db("xapian")
        seconds, out, rss = timed([self.xapian, "index", db, self.a.corpus],
                                  rss_file=os.path.join(self.work, "time.txt"))
        r = json.loads(out)
        if r["docs"] != self.corpus["good"]:
            raise RuntimeError("xapian_baseline indexed %d, expected %d" % (r["docs"], self.corpus["good"]))
        self.record_index(fig, "xapian", seconds, rss, du_bytes(db))
        return db

    def index_lucene(self, threads, fig):
        db = self.db("lucene-t%d" % threads)
        seconds, out, rss = timed(self.java + ["index", db, self.a.corpus, str(threads)],
                                  rss_file=os.path.join(self.work, "time.txt"))
        r = json.loads(out)
        if r["docs"] != self.corpus["good"]:
            raise RuntimeError("LuceneBench indexed %d, expected %d" % (r["docs"], self.corpus["good"]))
        self.record_index(fig, "lucene-t%d" % threads, seconds, rss, du_bytes(db))
        fig["lucene-t%d.internal_s" % threads] = r["seconds"]
        return db

    def record_index(self, fig, name, seconds, rss, size):
        mb = self.corpus["raw_bytes"] / 1e6
        fig[name + ".s"] = seconds
        fig[name + ".docs_s"] = self.corpus["good"] / seconds
        fig[name + ".mb_s"] = mb / seconds
        fig[name + ".rss_mb"] = rss
        fig[name + ".size_mb"] = size / 1e6
        fig[name + ".size_x"] = size / self.corpus["raw_bytes"]
        log("  %-11s %7.1f s  %6.2f MB/s  %7.0f docs/s  RSS %5.0f MB  size %.2fx" % (
            name, seconds, mb / seconds, self.corpus["good"] / seconds, rss or 0, size / self.corpus["raw_bytes"]))

    # ---- queries

    def in_process(self, engine, cmd, fig):
        out = os.path.join(self.work, "latency-%s.jsonl" % engine)
        timed(self.one_core + cmd + [self.a.queries, out, "--warmup", str(self.a.warmup)])
        with open(out) as f:
            rows = [json.loads(line) for line in f]
        for mode, key in (("plain", "ms"), ("facets", "ms_facets")):
            ms = [r[key] for r in rows]
            for p in (50, 95, 99):
                fig["%s.%s.p%d" % (engine, mode, p)] = percentile(ms, p)
            per_q = self.latency.setdefault((engine, mode), {})
            for r in rows:
                per_q.setdefault(r["qid"], []).append(r[key])
        if engine == "depeche":
            self.totals = {r["qid"]: r["total"] for r in rows}
        return rows

    def whole_process(self, engine, fig, cmd_of):
        ms = []
        per_q = self.latency.setdefault((engine, "process"), {})
        errors = 0
        for q in self.queries:
            s, out, _ = timed(self.one_core + cmd_of(q), ok=(0, 2))
            errors += not out
            ms.append(s * 1000)
            per_q.setdefault(q["qid"], []).append(s * 1000)
        for p in (50, 95, 99):
            fig["%s.process.p%d" % (engine, p)] = percentile(ms, p)
        if errors:
            log("  %s: %d queries refused as a whole process" % (engine, errors))
        fig[engine + ".process.errors"] = errors

    # ---- the whole run

    def run(self):
        if self.a.queries_only:
            # The baselines' databases of the last full run are reused; depeche's
            # is rebuilt once, since the build measured is a new one.
            xap, luc = os.path.join(self.work, "xapian"), os.path.join(self.work, "lucene-t2")
            for db in (xap, luc):
                if not os.path.isdir(db):
                    raise RuntimeError("--queries-only: no %s (run the full benchmark of this N once first)" % db)
            first = {"load_before": load1()}
            log("queries only (load %.2f): indexing depeche with 2 threads once" % first["load_before"])
            dep = self.index_depeche(2, first)
        for r in range(1, self.a.runs + 1):
            if self.a.queries_only:
                fig = first if r == 1 else {"load_before": load1()}
            else:
                fig = {"load_before": load1()}
                log("run %d/%d (load %.2f): indexing" % (r, self.a.runs, fig["load_before"]))
                # The 1-thread databases are measured, then removed: at 1M
                # dispatches each takes gigabytes.
                shutil.rmtree(self.index_depeche(1, fig))
                dep = self.index_depeche(2, fig)
                xap = self.index_xapian(fig)
                shutil.rmtree(self.index_lucene(1, fig))
                luc = self.index_lucene(2, fig)
            log("run %d/%d: queries in-process, one core" % (r, self.a.runs))
            self.in_process("depeche", [self.query_bench, dep], fig)
            self.in_process("xapian", [self.xapian, "query", xap], fig)
            self.in_process("lucene", self.java + ["query", luc], fig)
            log("run %d/%d: queries as whole processes" % (r, self.a.runs))
            self.whole_process("depeche", fig, lambda q: [self.search_bin, "--db", dep] + depeche_search_args(q))
            self.whole_process("xapian", fig, lambda q: [self.xapian, "one", xap, json.dumps(q)])
            fig["load_after"] = load1()
            self.runs.append(fig)
            self.save()

    # A queries-only run keeps its figures apart: the full run's stay reportable.
    def figures_file(self):
        return os.path.join(self.work, "figures-queries.json" if self.a.queries_only else "figures.json")

    # Everything the table is made of, saved after each run, so that a
    # benchmark stopped early can still be reported (--report-only).
    def save(self):
        state = {"runs": self.runs, "totals": self.totals,
                 "latency": {"%s/%s" % key: per_q for key, per_q in self.latency.items()}}
        with open(self.figures_file(), "w") as f:
            json.dump(state, f, indent=1)

    def load(self):
        with open(self.figures_file()) as f:
            state = json.load(f)
        if isinstance(state, list):  # figures.json of an older bench.py: the runs only
            state = {"runs": state}
        self.runs = state["runs"]
        self.totals = state.get("totals", {})
        self.latency = {tuple(key.split("/", 1)): per_q for key, per_q in state.get("latency", {}).items()}

    # ---- the table

    def stat(self, key):
        vals = [f[key] for f in self.runs if f.get(key) is not None]
        return (statistics.median(vals), min(vals), max(vals)) if vals else None

    def ratio(self, key, base):
        vals = [f[key] / f[base] for f in self.runs if f.get(key) and f.get(base)]
        return (statistics.median(vals), min(vals), max(vals)) if vals else None

    @staticmethod
    def fmt(s, digits):
        if s is None:
            return "—"
        med, lo, hi = s
        f = "%%.%df" % digits
        if len(set(round(x, digits) for x in s)) == 1:
            return f % med
        return (f + " (" + f + "–" + f + ")") % (med, lo, hi)

    def write(self, path, machine):
        a = self.a
        c = self.corpus
        L = []
        w = L.append
        n_runs = len(self.runs)
        w("# depeche benchmark: %d dispatches, %d runs" % (c["records"], n_runs))
        w("")
        w("Written by `bench/run.sh %d %d` on %s. Each cell: the median over the %d runs and, when they differ, "
          "the spread (min–max). A ratio is depeche's figure over the baseline's, run by run, then the median "
          "(and spread) of those ratios: above 1 is better for throughput, below 1 is better for time, memory and "
          "size." % (c["records"], a.runs if a.report_only else n_runs, machine["date"], n_runs))
        w("")
        if a.report_only:
            w("The benchmark was stopped after these %d runs; this table was written from the runs it had saved "
              "(`bench.py --report-only`)." % n_runs)
            w("")
        if a.queries_only:
            w("**Queries only** (`bench/run.sh %d %d --queries-only`): the queries were measured %d times on the "
              "databases of the last full run of this N, depeche's rebuilt once with 2 threads by the build "
              "measured (its indexing figures below are that one run); nothing else was indexed, so the other "
              "indexing cells and the indexing ratios are empty." % (c["records"], n_runs, n_runs))
            w("")
        w("## Machine")
        w("")
        for k in ("nproc", "cpu", "ram", "load_start", "load_end", "os", "xapian", "java", "lucene", "build", "commit"):
            w("- %s: %s" % (k.replace("_", " "), machine[k]))
        w("- load average (1 min) before each run: %s" % ", ".join("%.2f" % f["load_before"] for f in self.runs))
        w("")
        rejected = self.stat("depeche-t1.rejected") or self.stat("depeche-t2.rejected")
        w("## Corpus")
        w("")
        w("OrangeSum (`bench/corpus.py %d`): %d records from %d cop(ies) of the %d articles (dates shifted by whole "
          "years per copy, see bench/README.md); %d empty bodies rejected by every engine (depeche-index counted "
          "%s); %d dispatches indexed; %.1f MB of title + text (the MB of every MB/s and of every size ratio)."
          % (c["records"], c["records"], c["copies"], c["base_articles"], c["rejected"],
             rejected and int(rejected[0]), c["good"],
             c["raw_bytes"] / 1e6))
        w("")
        w("## Indexing")
        w("")
        w("Wall-clock time of the process, from its start until the committed database opens (depeche: "
          "depeche-index, then a Xapian open of its database; Xapian and Lucene: their harness, which commits, "
          "closes and opens; Lucene's includes the JVM start). Stock Xapian has one writing thread: its figures "
          "stand against depeche's with 1 and with 2 threads.")
        w("")
        w("| figure | depeche | stock Xapian | Lucene 4.10 | depeche / Xapian | depeche / Lucene |")
        w("|---|---|---|---|---|---|")
        for t in (1, 2):
            d, lu = "depeche-t%d" % t, "lucene-t%d" % t
            for key, label, digits in ((".s", "time (s)", 2), (".docs_s", "dispatches/s", 0), (".mb_s", "MB/s", 2),
                                       (".rss_mb", "peak RSS (MB)", 0)):
                w("| %s, %d thread%s | %s | %s | %s | %s | %s |" % (
                    label, t, "s" if t > 1 else "", self.fmt(self.stat(d + key), digits),
                    self.fmt(self.stat("xapian" + key), digits), self.fmt(self.stat(lu + key), digits),
                    self.fmt(self.ratio(d + key, "xapian" + key), 2), self.fmt(self.ratio(d + key, lu + key), 2)))
        for key, label, digits in ((".size_mb", "index size (MB)", 1), (".size_x", "index size / raw text", 2)):
            w("| %s | %s | %s | %s | %s | %s |" % (
                label, self.fmt(self.stat("depeche-t2" + key), digits), self.fmt(self.stat("xapian" + key), digits),
                self.fmt(self.stat("lucene-t2" + key), digits), self.fmt(self.ratio("depeche-t2" + key, "xapian" + key), 2),
                self.fmt(self.ratio("depeche-t2" + key, "lucene-t2" + key), 2)))
        w("")
        w("## Queries")
        w("")
        w("%d queries (`bench/queries.py`), one core (`taskset -c 0`), %d untimed pass%s first, each query timed "
          "on its own, 10 hits with their stored text read. *Without facets*: depeche's query, filters, order and "
          "snippets, the total estimated; Xapian and Lucene likewise. *With facets*: depeche::search() as "
          "depeche-search runs it, exact total and exact counts of persons, places, organisations, publication "
          "and mentioned dates, rendered as JSON; Xapian a ValueCountMatchSpy on the month over every match; "
          "Lucene SortedSetDocValuesFacetCounts on the month. *Whole process*: `depeche-search --json` per query "
          "(loading the lexicons, opening the database, searching with facets, printing), and `xapian_baseline "
          "one` per query (opening, searching with the month facet, printing); Lucene has no whole-process figure "
          "(a JVM start per query would measure the JVM). Milliseconds."
          % (len(self.queries), a.warmup, "es" if a.warmup > 1 else ""))
        w("")
        w("| latency (ms) | depeche | stock Xapian | Lucene 4.10 | depeche / Xapian | depeche / Lucene |")
        w("|---|---|---|---|---|---|")
        for mode, label in (("plain", "in-process, without facets"), ("facets", "in-process, with facets"),
                            ("process", "whole process, with facets")):
            for p in (50, 95, 99):
                k = lambda e: "%s.%s.p%d" % (e, mode, p)
                w("| %s, p%d | %s | %s | %s | %s | %s |" % (
                    label, p, self.fmt(self.stat(k("depeche")), 2), self.fmt(self.stat(k("xapian")), 2),
                    self.fmt(self.stat(k("lucene")), 2), self.fmt(self.ratio(k("depeche"), k("xapian")), 2),
                    self.fmt(self.ratio(k("depeche"), k("lucene")), 2)))
        w("")
        if not self.latency:
            w("The per-query latencies of these runs were not kept (an older bench.py): no tables by match count "
              "or by class.")
            w("")
        else:
            w("### By match count")
            w("")
            w("Queries grouped by depeche's exact match count; p50 / p95 in ms over every (query, run) of the group.")
            w("")
            cols = [("depeche", "plain"), ("depeche", "facets"), ("depeche", "process"), ("xapian", "plain"),
                    ("xapian", "facets"), ("lucene", "plain"), ("lucene", "facets")]
            w("| matches | queries | " + " | ".join("%s %s" % (e, m.replace("plain", "no facets")) for e, m in cols) + " |")
            w("|---|---" + "|---" * len(cols) + "|")
            for lo, hi, label in BUCKETS:
                qids = [q["qid"] for q in self.queries if lo <= self.totals.get(q["qid"], -1) <= hi]
                if not qids:
                    continue
                cells = []
                for e, m in cols:
                    ms = [x for qid in qids for x in self.latency.get((e, m), {}).get(qid, [])]
                    cells.append("%.2f / %.2f" % (percentile(ms, 50), percentile(ms, 95)) if ms else "—")
                w("| %s | %d | %s |" % (label, len(qids), " | ".join(cells)))
            w("")
            w("### By class")
            w("")
            w("| class | queries | median matches (depeche) | depeche with facets p50 / p95 | Xapian with facets p50 | "
              "Lucene with facets p50 |")
            w("|---|---|---|---|---|---|")
            classes = []
            for q in self.queries:
                if q["class"] not in classes:
                    classes.append(q["class"])
            for cls in classes:
                qids = [q["qid"] for q in self.queries if q["class"] == cls]
                pool = lambda e: [x for qid in qids for x in self.latency.get((e, "facets"), {}).get(qid, [])]
                d = pool("depeche")
                w("| %s | %d | %d | %.2f / %.2f | %.2f | %.2f |" % (
                    cls, len(qids), statistics.median(self.totals.get(qid, 0) for qid in qids), percentile(d, 50),
                    percentile(d, 95), percentile(pool("xapian"), 50), percentile(pool("lucene"), 50)))
            w("")
        w("## Against the targets of issue 4 (at this scale)")
        w("")
        t = lambda k: self.stat(k)[0] if self.stat(k) else float("nan")
        rt = lambda k, b: self.ratio(k, b)[0] if self.ratio(k, b) else float("nan")
        checks = [
            ("indexing, 2 threads, MB/s ≥ 1.0x Lucene's (2 threads)", "%.2fx" % rt("depeche-t2.mb_s", "lucene-t2.mb_s"),
             rt("depeche-t2.mb_s", "lucene-t2.mb_s") >= 1.0),
            ("indexing, 2 threads, MB/s ≥ 10x stock Xapian's", "%.2fx" % rt("depeche-t2.mb_s", "xapian.mb_s"),
             rt("depeche-t2.mb_s", "xapian.mb_s") >= 10),
            ("peak RSS < 1 GiB", "%.0f MB" % max(t("depeche-t1.rss_mb"), t("depeche-t2.rss_mb")),
             max(t("depeche-t1.rss_mb"), t("depeche-t2.rss_mb")) < 1024),
            ("index size ≤ 1.5x the raw text", "%.2fx" % t("depeche-t2.size_x"), t("depeche-t2.size_x") <= 1.5),
            ("in-process with facets, p50 ≤ 2 ms (target at 1M)", "%.2f ms" % t("depeche.facets.p50"),
             t("depeche.facets.p50") <= 2),
            ("in-process with facets, p95 ≤ 20 ms (target at 1M)", "%.2f ms" % t("depeche.facets.p95"),
             t("depeche.facets.p95") <= 20),
            ("whole depeche-search process, p50 ≤ 20 ms", "%.2f ms" % t("depeche.process.p50"),
             t("depeche.process.p50") <= 20),
        ]
        w("| target | measured | met |")
        w("|---|---|---|")
        for label, value, ok in checks:
            if "nan" in value:  # not measured by this run (--queries-only)
                value, ok = "—", None
            w("| %s | %s | %s |" % (label, value, "—" if ok is None else "yes" if ok else "no"))
        w("")
        w("Not measured by this run: facet counting over 100k matching dispatches, the growth of the cost per "
          "match from 100k to 1M and of indexing time per dispatch (they need the 100k and 1M runs).")
        w("")
        w("Raw figures of every run: `%s` (not kept in the repository)." % self.figures_file())
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(L) + "\n")


def machine_info(build):
    info = {"nproc": os.cpu_count(), "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M")}
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    info["cpu"] = cpu
    with open("/proc/meminfo") as f:
        kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
    info["ram"] = "%.1f GiB" % (kb / 2 ** 20)
    with open("/proc/loadavg") as f:
        info["load_start"] = " ".join(f.read().split()[:3]) + " (1, 5, 15 min)"
    info["os"] = platform.platform()
    try:
        info["xapian"] = subprocess.run(["xapian-config", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        info["xapian"] = "?"
    try:
        info["java"] = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    except (OSError, IndexError):
        info["java"] = "?"
    info["lucene"] = "4.10.4 (Debian liblucene4.10-java)"
    m = re.search(r"CMAKE_BUILD_TYPE:STRING=(\w*)", open(os.path.join(build, "CMakeCache.txt")).read())
    info["build"] = "%s, CMake build type %s" % (build, m.group(1) if m else "?")
    # The code measured: the commit, and whether the tree had changes on top.
    source = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        head = subprocess.run(["git", "-C", source, "log", "-1", "--format=%h %s"], capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", source, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        info["commit"] = (head or "?") + (" (with uncommitted changes)" if dirty else "")
    except OSError:
        info["commit"] = "?"
    return info


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--corpus-stats", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--lucene-cp", required=True)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--out", required=True)
    p.add_argument("--report-only", action="store_true",
                   help="measure nothing: write the table from the runs saved in WORK/figures.json "
                        "(figures-queries.json with --queries-only)")
    p.add_argument("--queries-only", action="store_true",
                   help="measure the queries only, on the databases of the last full run in WORK "
                        "(depeche's rebuilt once with 2 threads)")
    a = p.parse_args()
    machine_file = os.path.join(a.work, "machine-queries.json" if a.queries_only else "machine.json")
    b = Bench(a)
    if a.report_only:
        machine = machine_info(a.build)
        if os.path.exists(machine_file):
            with open(machine_file) as f:
                machine.update(json.load(f))
        else:
            machine["load_start"] = "not recorded"
        b.load()
    else:
        machine = machine_info(a.build)
        with open(machine_file, "w") as f:
            json.dump(machine, f)
        b.run()
    with open("/proc/loadavg") as f:
        machine["load_end"] = " ".join(f.read().split()[:3]) + " (1, 5, 15 min)"
    b.write(a.out, machine)
    log("wrote " + a.out)


if __name__ == "__main__":
    main()
