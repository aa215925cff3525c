#!/usr/bin/env python3
"""The fixed query set of bench/run.sh, sampled from OrangeSum by term and
entity frequency.

    bench/queries.py [--data DIR] [--seed S] [--entity-sample N] DEPECHE_EXTRACT OUT.jsonl

Everything is drawn from the 36,152 base articles (never from the scaled
corpus), with a seeded generator (default seed 4), so the set is the same at
every scale N and on every machine with the same data and depeche-extract.

Word frequencies are document frequencies over title + text, words being runs
of letters, lower-cased, at least 3 letters, not in a list of French function
words. Buckets: rare 3-30 articles (of 36,152), medium 100-1,000, common at
least 3,000. Entities are those depeche-extract finds in a seeded sample of
--entity-sample articles (default 1,500), by document frequency in that
sample: rare 1-2, medium 3-15, common 16 and more.

Classes (count):
  w1-rare, w1-medium, w1-common (20 each)   one word
  w2 (25), w3 (20)                           2 or 3 words of one article, ANDed
  phrase (20)                                2 or 3 consecutive words of one article, quoted
  person, place, org (10 each)               --person/--place/--org NAME and a word of an article naming it
  date (20)                                  a word and --from/--to (one month to two years, 2011-2020)
  browse-date (5)                            --from/--to alone
  browse-person, browse-place, browse-org (10 each)   --person/--place/--org NAME alone

Each line: {"qid", "class", "q" (depeche's query), "person"/"place"/"org",
"from"/"to" (YYYY-MM-DD), "bq" (the baselines' query, in the syntax that both
Xapian's and Lucene's QueryParser read: words ANDed, a "phrase"; an entity
filter becomes its name as a phrase, which is how a search engine without
entities would be asked)}. Results are reported per bucket of depeche's exact
match count, measured in the run.
"""

import argparse
import calendar
import collections
import json
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

# French function words (our list): never sampled as query words.
STOP = set("""
a à ai aie ait alors au aucun aussi autre aux avait avant avec avoir ayant bien c ça car ce ceci cela celle celles
celui cependant ces cet cette ceux chaque chez ci comme comment d dans de des deux depuis donc dont du elle elles
en encore entre est et été étaient était être eu eux fait faire fois font hors ici il ils j je jusqu l la là le les
leur leurs lui m ma mais me même mêmes mes moi moins mon ne ni nos notre nous on ont ou où par parce pas pendant peu
peut plus plupart pour pourquoi près puis qu quand que quel quelle quelles quels qui quoi sa sans se selon ses si
sien soi soit son sont sous sur ta te tes toi ton tous tout toute toutes très tu un une unes uns vers via vos votre
vous y dès lors afin ainsi après assez aujourd hui déjà dit dire tant tel telle tels telles trop peu sera seront
serait seraient avait avaient aurait auraient sont ont été étant elles celui-ci contre dont lequel laquelle
lesquels lesquelles auquel auxquels duquel desquels cette ceux-ci non oui été avons avez ont eux aussi
""".split())

WORD = re.compile(r"[^\W\d_]+")
BUCKETS = {"rare": (3, 30), "medium": (100, 1000), "common": (3000, 10 ** 9)}
ENTITY_BUCKETS = {"rare": (1, 2), "medium": (3, 15), "common": (16, 10 ** 9)}


def words_of(text):
    return [w.lower() for w in WORD.findall(text)]


def content(word):
    return len(word) >= 3 and word not in STOP


def quote_ok(s):
    return '"' not in s and "\\" not in s and s.strip() == s and s


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("extract", help="the depeche-extract binary")
    parser.add_argument("out", help="the query file (JSON Lines)")
    parser.add_argument("--data", default=corpus.default_data_dir())
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--entity-sample", type=int, default=1500)
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.data, corpus.ARCHIVE)):
        print("bench/queries.py: %s not found: skipping" % os.path.join(args.data, corpus.ARCHIVE), file=sys.stderr)
        return 4
    rng = random.Random(args.seed)
    articles = [(s, a) for s, a in corpus.stable_order(corpus.read_articles(args.data)) if (a.get("article") or "").strip()]
    docs = []  # (stem, date, list of words)
    df = collections.Counter()
    for stem, a in articles:
        ws = words_of((a.get("title") or "") + " " + a["article"])
        docs.append((stem, a["date"], ws))
        df.update(set(ws))
    pools = {b: sorted(w for w, n in df.items() if lo <= n <= hi and content(w)) for b, (lo, hi) in BUCKETS.items()}

    queries = []

    def add(cls, q="", bq=None, **extra):
        entry = {"qid": "q%03d" % (len(queries) + 1), "class": cls, "q": q}
        entry.update({k: v for k, v in extra.items() if v})
        entry["bq"] = q if bq is None else bq
        queries.append(entry)

    for bucket in ("rare", "medium", "common"):
        for w in rng.sample(pools[bucket], 20):
            add("w1-" + bucket, w)

    def article_words(k, min_len=50):
        while True:
            _, _, ws = rng.choice(docs)
            cs = sorted(set(w for w in ws if content(w) and df[w] >= 3))
            if len(cs) >= min_len:
                return rng.sample(cs, k)

    for _ in range(25):
        add("w2", " ".join(article_words(2)))
    for _ in range(20):
        add("w3", " ".join(article_words(3)))
    while sum(1 for q in queries if q["class"] == "phrase") < 20:
        _, _, ws = rng.choice(docs)
        n = rng.choice((2, 3))
        i = rng.randrange(0, max(1, len(ws) - n))
        gram = ws[i:i + n]
        if len(gram) == n and content(gram[0]) and content(gram[-1]):
            add("phrase", '"%s"' % " ".join(gram))
    for _ in range(20):
        y, m = rng.randint(2011, 2020), rng.randint(1, 12)
        months = rng.choice((1, 3, 6, 12, 24))
        ey, em = y + (m - 1 + months - 1) // 12, (m - 1 + months - 1) % 12 + 1
        last = calendar.monthrange(ey, em)[1]
        word = rng.choice(pools[rng.choice(("medium", "common"))])
        add("date", word, **{"from": "%04d-%02d-01" % (y, m), "to": "%04d-%02d-%02d" % (ey, em, last)})
    for _ in range(5):
        y, m = rng.randint(2011, 2020), rng.randint(1, 12)
        add("browse-date", "", **{"from": "%04d-%02d-01" % (y, m), "to": "%04d-%02d-28" % (y, m)})

    # Entities: depeche-extract on a seeded sample of the articles.
    sample = rng.sample(range(len(articles)), min(args.entity_sample, len(articles)))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as tmp:
        for i in sample:
            stem, a = articles[i]
            tmp.write(json.dumps({"id": "os-" + stem, "date": a["date"], "title": a.get("title") or "",
                                  "text": a["article"]}, ensure_ascii=False) + "\n")
    try:
        out = subprocess.run([args.extract, "--threads", "2", tmp.name], check=True, capture_output=True,
                             text=True).stdout
    finally:
        os.unlink(tmp.name)
    entity_df = collections.Counter()
    entity_docs = collections.defaultdict(list)
    words_by_id = {"os-" + stem: ws for stem, _, ws in docs}
    for line in out.splitlines():
        rec = json.loads(line)
        for e in rec["entities"]:
            if e["kind"] in ("person", "place", "org") and quote_ok(e["name"]):
                key = (e["kind"], e["name"])
                if entity_docs[key] == [] or entity_docs[key][-1] != rec["id"]:
                    entity_df[key] += 1
                    entity_docs[key].append(rec["id"])
    for kind in ("person", "place", "org"):
        for browse in (False, True):
            for j in range(10):
                bucket = ("common", "medium", "rare")[j % 3]
                lo, hi = ENTITY_BUCKETS[bucket]
                pool = sorted(k for k, n in entity_df.items() if k[0] == kind and lo <= n <= hi)
                if not pool:
                    pool = sorted(k for k in entity_df if k[0] == kind)
                name = rng.choice(pool)[1]
                if browse:
                    add("browse-" + kind, "", bq='"%s"' % name, **{kind: name})
                else:
                    ws = [w for w in words_by_id[rng.choice(sorted(entity_docs[(kind, name)]))]
                          if content(w) and df[w] >= 3 and w not in words_of(name)]
                    word = rng.choice(sorted(set(ws)))
                    add(kind, word, bq='"%s" %s' % (name, word), **{kind: name})

    with open(args.out, "w", encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    counts = collections.Counter(q["class"] for q in queries)
    print("bench/queries.py: %d queries (%s)" % (len(queries), ", ".join("%s %d" % kv for kv in counts.items())),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
