#!/usr/bin/env python3
"""Hostile input, through the real binaries: each case must give a clear error
or a correct result, never a crash, a hang or a lost dispatch.

Each case indexes a small file in which the hostile record sits between two
good ones, and checks the exit code, the one-line report naming FILE:LINE,
and that the good records (and the hostile one, when it is a valid dispatch)
are searchable.

Usage: hostile_test.py INDEX_BINARY SEARCH_BINARY
Environment: DEPECHE_TIMEOUT_SCALE multiplies the time limits (sanitizer
builds are several times slower).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

SCALE = float(os.environ.get("DEPECHE_TIMEOUT_SCALE", "1"))
GOOD_BEFORE = "date 2019-05-02 Le conseil municipal de Lyon a voté mercredi le budget des cantines."
GOOD_AFTER = "date 2019-05-03 Les pompiers de Marseille ont maîtrisé jeudi un incendie de forêt."


class Run:
    def __init__(self, index, search, work):
        self.index, self.search, self.work = index, search, work
        self.failures = []
        self.case = ""

    def fail(self, why):
        self.failures.append(f"{self.case}: {why}")
        print(f"FAIL: {self.case}: {why}")

    def run(self, args, limit, stdin=None):
        try:
            return subprocess.run(args, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  timeout=limit * SCALE)
        except subprocess.TimeoutExpired:
            self.fail(f"no answer within {limit * SCALE:.0f} s: {' '.join(args)[:200]}")
            return None

    def db(self):
        return os.path.join(self.work, self.case.replace(" ", "-"))

    def indexed(self, payload, name="input.txt", expect_exit=0, expect_reject=None, limit=60):
        """Indexes GOOD_BEFORE, payload, GOOD_AFTER; returns the database."""
        path = os.path.join(self.work, name)
        with open(path, "wb") as f:
            f.write(GOOD_BEFORE.encode() + b"\n" + payload + b"\n" + GOOD_AFTER.encode() + b"\n")
        db = self.db()
        r = self.run([self.index, "--quiet", "--db", db, path], limit)
        if r is None:
            return db
        if r.returncode != expect_exit:
            self.fail(f"depeche-index exited {r.returncode}, expected {expect_exit}: {r.stderr[-300:]!r}")
        lines = r.stderr.decode(errors="replace").splitlines()
        if expect_reject is not None:
            if len(lines) != 1 or f"{name}:2:" not in lines[0] or expect_reject not in lines[0]:
                self.fail(f"expected one line naming {name}:2 and '{expect_reject}', got {lines[:3]}")
        elif lines:
            self.fail(f"unexpected messages: {lines[:3]}")
        return db

    def search_json(self, db, args, limit=30, expect_exit=0):
        r = self.run([self.search, "--db", db, "--json", "--limit", "5"] + args, limit)
        if r is None:
            return None
        if r.returncode != expect_exit:
            self.fail(f"depeche-search {args[:3]} exited {r.returncode}: {r.stderr[-300:]!r}")
            return None
        return json.loads(r.stdout) if expect_exit == 0 else r

    def expect_total(self, db, args, total):
        result = self.search_json(db, args)
        if result is not None and result["total"] != total:
            self.fail(f"search {args} found {result['total']}, expected {total}")

    def good_ones_kept(self, db):
        self.expect_total(db, ["cantines"], 1)
        self.expect_total(db, ["pompiers"], 1)


def main():
    index, search = sys.argv[1:3]
    work = tempfile.mkdtemp(prefix="depeche-hostile-")
    t = Run(index, search, work)
    try:
        def case(name):
            t.case = name
            print(f"case: {name}")

        case("invalid UTF-8")
        db = t.indexed(b"date 2019-05-02 Un octet \xc3\x28 invalide et \xff.", expect_exit=3,
                       expect_reject="invalid UTF-8")
        t.good_ones_kept(db)

        case("NUL bytes")
        db = t.indexed(b"date 2019-05-02 Un \x00 octet nul.", expect_exit=3, expect_reject="NUL byte")
        t.good_ones_kept(db)

        case("a 10 MB line")
        words = ("Le gouvernement de Paris a annoncé mardi une réforme des retraites contestée. " * 130000)[:10_000_000]
        db = t.indexed(b"date 2019-05-02 " + words.encode(), limit=240)
        t.good_ones_kept(db)
        t.expect_total(db, ["reforme", "retraites"], 1)

        case("a dispatch of a million words")
        million = " ".join(f"mot{i % 5000}" for i in range(1_000_000))
        db = t.indexed(b"date 2019-05-02 " + million.encode(), limit=240)
        t.good_ones_kept(db)
        t.expect_total(db, ["mot4999"], 1)

        case("a 300-byte word")
        long_word = "anticonstitutionnellement" * 12
        db = t.indexed(f"date 2019-05-02 Le mot {long_word} est très long.".encode())
        t.good_ones_kept(db)
        t.expect_total(db, [long_word], 1)
        t.expect_total(db, [f'"mot {long_word}"'], 1)
        t.expect_total(db, ["x" * 300], 0)

        case("a 300-byte id")
        long_id = "id-" + "x" * 297
        record = json.dumps({"id": long_id, "date": "2019-05-02", "text": "Une dépêche à l'identifiant démesuré."})
        db = t.indexed(record.encode(), name="input.jsonl", expect_exit=3, expect_reject='"id" longer than 200 bytes')
        t.good_ones_kept(db)
        t.expect_total(db, ["demesure"], 0)
        r = t.run([search, "--db", db, "--id", long_id], 30)
        if r is not None and (r.returncode != 1 or b"no dispatch" not in r.stderr):
            t.fail(f"--id with a 300-byte id: exit {r.returncode}, {r.stderr[-200:]!r}")

        case("a 300-byte capitalised name")
        name = "Jean " + "Abcdefghij" * 30
        db = t.indexed(f"date 2019-05-02 Le maire {name} a été réélu dimanche à Lyon.".encode())
        t.good_ones_kept(db)
        t.expect_total(db, ["reelu"], 1)
        t.expect_total(db, ["--place", "Lyon"], 2)

        case("deeply nested JSON")
        nested = '{"id": "n", "date": "2019-05-02", "text": "x", "extra": ' + "[" * 100000 + "]" * 100000 + "}"
        db = t.indexed(nested.encode(), name="input.jsonl", expect_exit=3, expect_reject="nest")
        t.good_ones_kept(db)

        case("31 février")
        db = t.indexed("date 2019-02-31 Le 31 février n'existe pas.".encode(), expect_exit=3,
                       expect_reject="impossible date")
        t.good_ones_kept(db)
        db2 = os.path.join(work, "feb-text")
        path = os.path.join(work, "feb.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("date 2019-03-02 Le rendez-vous fixé au 31 février 2019 a été annulé.\n")
        r = t.run([index, "--quiet", "--db", db2, path], 60)
        if r is not None and r.returncode != 0:
            t.fail(f"a text naming 31 février: exit {r.returncode}")
        result = t.search_json(db2, ["annule"])
        if result is not None and any(f["value"].startswith("2019-02-3") for f in result["facets"]["mentioned"]):
            t.fail(f"31 février became a mentioned date: {result['facets']['mentioned']}")

        case("year 99999")
        db = t.indexed(b"date 99999-01-01 Une date venue du futur.", expect_exit=3, expect_reject="impossible date")
        t.good_ones_kept(db)
        t.search_json(db, ["--from", "99999"], expect_exit=2)

        case("an empty file")
        path = os.path.join(work, "empty.txt")
        open(path, "w").close()
        db = t.db()
        r = t.run([index, "--quiet", "--db", db, path], 30)
        if r is not None and (r.returncode != 0 or r.stderr):
            t.fail(f"exit {r.returncode}, stderr {r.stderr[-200:]!r}")
        t.expect_total(db, [], 0)

        case("a folder of 3000 files")
        folder = os.path.join(work, "many")
        os.makedirs(folder)
        for i in range(3000):
            with open(os.path.join(folder, f"d{i:05d}.txt"), "w", encoding="utf-8") as f:
                f.write(f"date 2019-05-{i % 28 + 1:02d} Dépêche numéro {i} sur les élections municipales.\n")
        db = t.db()
        r = t.run([index, "--quiet", "--db", db, folder], 300)
        if r is not None and r.returncode != 0:
            t.fail(f"exit {r.returncode}: {r.stderr[-300:]!r}")
        t.expect_total(db, ["municipales"], 3000)

        case("a query of ten thousand terms")
        db = t.indexed(b"date 2019-05-02 Un texte ordinaire.")
        terms = " ".join(f"mot{i}" for i in range(10000))
        for args in ([terms], ["--any", terms], [" OR ".join(f"mot{i}" for i in range(10000))]):
            r = t.run([search, "--db", db, "--json"] + args, 60)
            if r is not None and r.returncode not in (0, 2):
                t.fail(f"exit {r.returncode}: {r.stderr[-300:]!r}")
            elif r is not None and r.returncode == 2 and len(r.stderr.splitlines()) != 1:
                t.fail(f"not one line: {r.stderr[-300:]!r}")
        t.expect_total(db, ["--any", terms + " ordinaire"], 1)

        case("unbalanced quotes and brackets")
        for query in ['"budget des cantines', "(cantines OR pompiers", "cantines)", '((("', "lieu:\"Lyon", ")(", '"']:
            r = t.run([search, "--db", db, "--json", query], 30)
            if r is None:
                continue
            if r.returncode == 0:
                json.loads(r.stdout)
            elif r.returncode != 2 or len(r.stderr.splitlines()) != 1:
                t.fail(f"query {query!r}: exit {r.returncode}, stderr {r.stderr[-300:]!r}")

        print(f"{len(t.failures)} failures")
        return 1 if t.failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
