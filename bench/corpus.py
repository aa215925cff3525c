#!/usr/bin/env python3
"""OrangeSum -> the inputs of bench/run.sh, scaled to N dispatches.

    bench/corpus.py [--data DIR] [--line FILE] [--stats FILE] N OUT.jsonl

DIR (default: ../shared/data/orangesum relative to the repository root) holds
orangesum-docs-parsed.tar.xz: one JSON object per file, parsed/<n>.json, with
"article", "date" (YYYY-MM-DD), "title" and "heading" and no id. The archive
is read as it is (never unpacked into the repository).

Each article becomes one JSON Lines record {"id", "date", "title", "text"}:
  * id    "os-<n>" from the file name parsed/<n>.json, "os-<n>-c<k>" in copy k;
  * date  the article's date, shifted by whole years in copy k (below);
  * title the title, text the article body (the heading, an abstract written
          for the summarisation task, is left out).
The 165 articles whose body is empty stay records with an empty text, so that
depeche-index rejects them ("empty text") and counts them.

Scaling. The 36,152 articles, in a fixed order (sorted by the seeded hash of
their file name, so that any prefix spreads over the whole 2011-2020 span), are
written in copies until N records are out: copy 0 as they are, then copy 1,
2, ... each whole except the last, cut at N. Copy k has the ids above and every
date moved by s(k) whole years, s = 0, +10, -10, +20, -20, ... (s(k) = 10 *
ceil(k/2), negative for even k), so copies never overlap in time (the corpus
spans 2011-02 to 2020-09) and 1M dispatches (28 copies) stay within 1871-2160,
inside the 1800-2200 span of depeche's open date ranges. A 29 February that
lands in a common year becomes the 28th. Texts are unchanged: the vocabulary
does not grow with N, only the postings do.

--line FILE also writes the line format (`date YYYY-MM-DD <title>. <text>`,
no id: depeche derives one from the date and the text, distinct per copy since
the dates differ). --stats FILE writes the figures as JSON: records, rejected
(empty bodies), good, raw_bytes (UTF-8 bytes of title + text of the good
records: the MB of every MB/s in the benchmark), copies.
"""

import argparse
import calendar
import hashlib
import json
import os
import sys
import tarfile

ARCHIVE = "orangesum-docs-parsed.tar.xz"
SHIFT_YEARS = 10


def default_data_dir():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.normpath(os.path.join(root, "..", "shared", "data", "orangesum"))


def read_articles(data_dir):
    """(stem, article dict) for every parsed/<n>.json of the archive."""
    path = os.path.join(data_dir, ARCHIVE)
    articles = []
    with tarfile.open(path, "r:xz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".json"):
                continue
            stem = os.path.basename(member.name)[: -len(".json")]
            articles.append((stem, json.load(tar.extractfile(member))))
    return articles


def stable_order(articles):
    """A fixed order that does not follow the file numbering (nor the dates)."""
    key = lambda a: hashlib.sha1(("orangesum:" + a[0]).encode()).hexdigest()
    return sorted(articles, key=key)


def year_shift(copy):
    if copy == 0:
        return 0
    half = (copy + 1) // 2
    return SHIFT_YEARS * half if copy % 2 else -SHIFT_YEARS * half


def shift_date(date, years):
    if years == 0:
        return date
    y, m, d = int(date[0:4]) + years, int(date[5:7]), int(date[8:10])
    if m == 2 and d == 29 and not calendar.isleap(y):
        d = 28
    return "%04d-%02d-%02d" % (y, m, d)


def clean(s):
    return " ".join((s or "").split())


def records(articles, n):
    """The N records: copies of `articles` (already in stable order)."""
    out = 0
    copy = 0
    while out < n:
        shift = year_shift(copy)
        for stem, a in articles:
            if out >= n:
                break
            rid = "os-%s" % stem if copy == 0 else "os-%s-c%d" % (stem, copy)
            yield {
                "id": rid,
                "date": shift_date(a["date"], shift),
                "title": clean(a.get("title")),
                "text": (a.get("article") or "").strip(),
            }
            out += 1
        copy += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of dispatches (records) to write")
    parser.add_argument("out", help="JSON Lines output")
    parser.add_argument("--data", default=default_data_dir(), help="the OrangeSum folder")
    parser.add_argument("--line", help="also write the line format here")
    parser.add_argument("--stats", help="write the figures as JSON here")
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.data, ARCHIVE)):
        print("bench/corpus.py: %s not found: skipping (the OrangeSum data lives in "
              "../shared/data/orangesum beside the repository)" % os.path.join(args.data, ARCHIVE),
              file=sys.stderr)
        return 4
    articles = stable_order(read_articles(args.data))
    stats = {"records": 0, "rejected": 0, "good": 0, "raw_bytes": 0, "base_articles": len(articles),
             "copies": 0}
    line_out = open(args.line, "w", encoding="utf-8") if args.line else None
    with open(args.out, "w", encoding="utf-8") as out:
        for r in records(articles, args.n):
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            stats["records"] += 1
            if r["text"]:
                stats["good"] += 1
                stats["raw_bytes"] += len(r["title"].encode()) + len(r["text"].encode())
            else:
                stats["rejected"] += 1
            if line_out:
                body = (r["title"] + ". " if r["title"] else "") + " ".join(r["text"].split())
                line_out.write("date %s %s\n" % (r["date"], body))
    if line_out:
        line_out.close()
    stats["copies"] = -(-args.n // len(articles))
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(stats, f, indent=1)
    print("bench/corpus.py: %(records)d records (%(good)d good, %(rejected)d empty bodies), "
          "%(raw_bytes)d bytes of title + text, %(copies)d copies" % stats, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
