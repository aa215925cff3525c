#!/usr/bin/env python3
"""Scores depeche-extract's dates on the French TimeBank (fr-timebank/Data/*.tml).

Dispatch: the text inside <TEXT> with every tag removed (XML entities decoded), dated by the
document creation time (the TIMEX3 with functionInDocument="CREATION_TIME", which is not scored).

Gold: TIMEX3 type="DATE" whose value is a calendar value: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www,
YYYY-Qn, or a decade (196X, compared as depeche's 196). Other TIMEX3 (TIME, DURATION, SET, and
DATE values such as PRESENT_REF, XXXX-SU, 1999-W20-WE) are "neutral": a predicted date that
overlaps only neutral timexes is neither right nor wrong (depeche may legitimately pull a day out
of "lundi soir", a TIME), so it is not counted as a false positive.

Extraction: predicted date mentions vs gold dates, one-to-one by largest overlap; P, R, F1.
Value accuracy: gold dates whose matched prediction has exactly the gold value, over all gold
dates (a missed date counts as wrong).

  python3 bench/accuracy/timebank.py [--data DIR] [--extract PATH] [--lexicons DIR] [--verbose]
"""

import argparse
import glob
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scoring  # noqa: E402


def read_tml(path):
    """-> (dct, text, [(start_char, end_char, type, value)])."""
    root = ET.parse(path).getroot()
    dct = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = t.get("value")
    parts, timexes = [], []
    pos = 0

    def walk(el):
        nonlocal pos
        start = pos
        if el.text:
            s = scoring.nfc(el.text)
            parts.append(s)
            pos += len(s)
        for child in el:
            walk(child)
            if child.tail:
                s = scoring.nfc(child.tail)
                parts.append(s)
                pos += len(s)
        if el.tag == "TIMEX3":
            timexes.append((start, pos, el.get("type"), el.get("value") or ""))

    walk(root.find("TEXT"))
    text = "".join(parts)
    # depeche trims spaces and tabs at the edges (not newlines): shift the offsets the same way
    lead = len(text) - len(text.lstrip(" \t"))
    text = scoring.trim(text)
    timexes = [(s - lead, e - lead, t, v) for s, e, t, v in timexes]
    return dct, text, timexes


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    scoring.add_common_args(ap)
    args = ap.parse_args(argv)
    folder = os.path.join(scoring.data_dir(args), "fr-timebank", "Data")
    files = sorted(glob.glob(os.path.join(folder, "*.tml")))
    if not files:
        return scoring.skip(f"no French TimeBank .tml files in {folder}")
    docs, inputs = [], []
    for path in files:
        dct, text, timexes = read_tml(path)
        doc_id = os.path.splitext(os.path.basename(path))[0]
        docs.append((doc_id, text, timexes))
        inputs.append({"id": doc_id, "date": dct, "text": scoring.check_text(text)})
    run = scoring.extract(args, inputs)

    tp = fp = fn = right = neutral_hits = 0
    for doc_id, text, timexes in docs:
        gold = [(s, e, v) for s, e, t, v in timexes if t == "DATE" and scoring.is_calendar(v)]
        neutral = [(s, e) for s, e, t, v in timexes if not (t == "DATE" and scoring.is_calendar(v))]
        offs = scoring.byte_offsets(text)
        pred = []
        for _k, value, sb, eb, _t in scoring.mentions(run.by_id.get(doc_id), {"date"}):
            pred.append(scoring.char_span(offs, sb, eb) + (value,))
        pairs = scoring.match_greedy(gold, pred)
        matched_g = {g: p for g, p in pairs}
        matched_p = set(matched_g.values())
        tp += len(pairs)
        for gi, g in enumerate(gold):
            if gi not in matched_g:
                fn += 1
                if args.verbose:
                    print(f"  FN    {doc_id}: {text[g[0]:g[1]]!r} = {g[2]}")
                continue
            p = pred[matched_g[gi]]
            if scoring.norm_timex(g[2]) == p[2]:
                right += 1
            elif args.verbose:
                print(f"  VALUE {doc_id}: {text[g[0]:g[1]]!r} gold {g[2]}, predicted {p[2]} for {text[p[0]:p[1]]!r}")
        for pi, p in enumerate(pred):
            if pi in matched_p:
                continue
            if any(scoring.overlap(p, n) > 0 for n in neutral):
                neutral_hits += 1
                continue
            fp += 1
            if args.verbose:
                print(f"  FP    {doc_id}: {text[p[0]:p[1]]!r} = {p[2]}")
    ngold, npred = tp + fn, tp + fp
    p, r, f = scoring.prf(tp, npred, ngold)
    acc = right / ngold if ngold else 0.0
    scoring.print_table(f"\nFrench TimeBank: {len(docs)} documents, TIMEX3 DATE with calendar values",
                        ["measure", "gold", "pred", "TP", "P", "R", "F1", "value acc"],
                        [["dates", ngold, npred, tp, scoring.pct(p), scoring.pct(r), scoring.pct(f),
                          f"{scoring.pct(acc)} ({right}/{ngold})"]])
    print(f"  {neutral_hits} predicted dates overlapped only TIME/DURATION/SET/non-calendar timexes (not counted)")
    run.report("  ")
    scoring.finish()
    return {"gold": ngold, "pred": npred, "tp": tp, "fp": fp, "fn": fn, "right": right,
            "neutral": neutral_hits, "prf": (p, r, f), "value_accuracy": acc}


if __name__ == "__main__":
    main()
