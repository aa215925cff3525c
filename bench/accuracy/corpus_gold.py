#!/usr/bin/env python3
"""Scores depeche-extract against the project's own gold file, bench/gold/corpus.jsonl:
one line per dispatch,
  {"source": "corpus/sample/2015-2019.txt:1", "date": "2015-01-12",
   "persons": [{"name": "Jean-Yves Le Drian", "also": ["Le Drian"]}], "places": [...], "orgs": [...],
   "dates": [{"text": "dimanche", "value": "2015-01-11"}, ...]}
where source is FILE:LINE (1-based) relative to the repo root, in the line format or JSON Lines
(then its "text" field only). The dispatch is fed as that text and that record's date.

People, places, organisations are scored per dispatch, by name: a predicted entity of the right
kind matches a gold entity if its canonical name is the gold name or one of its "also" forms,
ignoring case, accents, apostrophe style, and hyphens vs spaces. Each gold entity is matched at
most once, so one entity split into two facet values gives a false positive.

Dates are scored by span: each gold date text is looked up in the dispatch text in order (from
the end of the previous one), and matched one-to-one to predicted date mentions by largest
overlap. Extraction P/R/F1 counts spans; value accuracy = gold dates whose matched prediction
has exactly the gold value, over all gold dates.

  python3 bench/accuracy/corpus_gold.py [--gold FILE] [--root DIR] [--extract PATH] [--verbose]
"""

import argparse
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scoring  # noqa: E402

FACETS = [("persons", "person"), ("places", "place"), ("orgs", "org")]


def norm_name(name):
    s = unicodedata.normalize("NFD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[’‘ʼ`´]", "'", s)
    s = re.sub(r"[\s\-‐‑–—]+", " ", s)
    return s.strip()


def read_source(root, source, cache):
    """FILE:LINE -> (date, text) of that record."""
    path, _, line_no = source.rpartition(":")
    if path not in cache:
        with open(os.path.join(root, path), encoding="utf-8-sig") as f:
            cache[path] = f.read().split("\n")
    line = cache[path][int(line_no) - 1].rstrip("\r")
    if line.lstrip().startswith("{"):
        rec = json.loads(line)
        return str(rec.get("date", ""))[:10], rec["text"]
    m = re.match(r"\s*date\s+(\S+)\s(.*)$", line)
    if not m:
        raise ValueError(f"{source}: neither JSON Lines nor the line format")
    return m.group(1), m.group(2)


def match_names(gold, pred_names):
    """-> (matched gold indices, unmatched predicted names). Canonical names first, then "also"."""
    forms = [({norm_name(g["name"])}, {norm_name(a) for a in g.get("also", [])}) for g in gold]
    used, fps, pending = set(), [], []
    for name in pred_names:
        n = norm_name(name)
        hit = next((i for i, (c, _) in enumerate(forms) if i not in used and n in c), None)
        if hit is None:
            pending.append(name)
        else:
            used.add(hit)
    for name in pending:
        n = norm_name(name)
        hit = next((i for i, (c, a) in enumerate(forms) if i not in used and n in a), None)
        if hit is None:
            fps.append(name)
        else:
            used.add(hit)
    return used, fps


def locate_dates(text, dates):
    """Gold date texts -> [(start, end, value)] in order; a text not found is (None, None, value)."""
    out, pos = [], 0
    for d in dates:
        t = scoring.nfc(d["text"])
        i = text.find(t, pos)
        if i < 0:
            out.append((None, None, d["value"], d["text"]))
        else:
            out.append((i, i + len(t), d["value"], t))
            pos = i + len(t)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    scoring.add_common_args(ap, data=False)
    ap.add_argument("--gold", default=os.path.join(scoring.REPO_ROOT, "bench", "gold", "corpus.jsonl"))
    ap.add_argument("--root", default=scoring.REPO_ROOT, help="folder the sources are relative to (the repo root)")
    args = ap.parse_args(argv)
    if not os.path.exists(args.gold):
        return scoring.skip(f"no gold file {args.gold}")
    golds, inputs, cache = [], [], {}
    with open(args.gold, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                date, text = read_source(args.root, g["source"], cache)
                g["text"] = scoring.nfc(scoring.trim(text))
                golds.append(g)
                inputs.append({"id": g["source"], "date": date or g.get("date"), "text": g["text"]})
    run = scoring.extract(args, inputs)

    ent = {facet: {"gold": 0, "pred": 0, "tp": 0} for facet, _ in FACETS}
    dates = {"gold": 0, "pred": 0, "tp": 0, "right": 0, "not_found": 0}
    for g in golds:
        src, text, rec = g["source"], g["text"], run.by_id.get(g["source"])
        if rec is None:
            print(f"  warning: no prediction for {src} (rejected?)")
        for facet, kind in FACETS:
            gold = g.get(facet, [])
            names = [e["name"] for e in (rec or {}).get("entities", []) if e["kind"] == kind]
            used, fps = match_names(gold, names)
            c = ent[facet]
            c["gold"] += len(gold)
            c["pred"] += len(names)
            c["tp"] += len(used)
            if args.verbose:
                for name in fps:
                    print(f"  FP  {kind:6} {src}: {name}")
                for i, e in enumerate(gold):
                    if i not in used:
                        print(f"  FN  {kind:6} {src}: {e['name']}")
        gold_dates = locate_dates(text, g.get("dates", []))
        dates["gold"] += len(gold_dates)
        for s, _e, v, t in gold_dates:
            if s is None:
                dates["not_found"] += 1
                print(f"  warning: {src}: gold date text {t!r} not found in order in the dispatch")
        spans = [d for d in gold_dates if d[0] is not None]
        offs = scoring.byte_offsets(text)
        pred = [scoring.char_span(offs, sb, eb) + (v,) for _k, v, sb, eb, _t in scoring.mentions(rec, {"date"})]
        dates["pred"] += len(pred)
        pairs = dict(scoring.match_greedy(spans, pred))
        dates["tp"] += len(pairs)
        for gi, (s, e, v, t) in enumerate(spans):
            if gi in pairs and pred[pairs[gi]][2] == v:
                dates["right"] += 1
            elif args.verbose and gi in pairs:
                p = pred[pairs[gi]]
                print(f"  VAL date   {src}: {t!r} gold {v}, predicted {p[2]} for {text[p[0]:p[1]]!r}")
            elif args.verbose:
                print(f"  FN  date   {src}: {t!r} = {v}")
        if args.verbose:
            for pi, p in enumerate(pred):
                if pi not in pairs.values():
                    print(f"  FP  date   {src}: {text[p[0]:p[1]]!r} = {p[2]}")

    rows = []
    for facet, _ in FACETS:
        c = ent[facet]
        rows.append([facet, c["gold"], c["pred"], c["tp"]] + [scoring.pct(x) for x in scoring.prf(c["tp"], c["pred"], c["gold"])] + [""])
    acc = dates["right"] / dates["gold"] if dates["gold"] else 0.0
    rows.append(["dates", dates["gold"], dates["pred"], dates["tp"]]
                + [scoring.pct(x) for x in scoring.prf(dates["tp"], dates["pred"], dates["gold"])]
                + [f"{scoring.pct(acc)} ({dates['right']}/{dates['gold']})"])
    scoring.print_table(f"\nProject gold {os.path.relpath(args.gold, scoring.REPO_ROOT)}: {len(golds)} dispatches "
                        "(entities per dispatch by name, dates by span)",
                        ["type", "gold", "pred", "TP", "P", "R", "F1", "value acc"], rows)
    run.report("  ")
    ent["dates"] = dates
    scoring.finish()
    return ent


if __name__ == "__main__":
    main()
