#!/usr/bin/env python3
"""Scores depeche-extract on the HIPE-2022 French dev files (NE-COARSE-LIT), token-based.

Each document's text is rebuilt from its tokens: a space between tokens, a newline after an
EndOfLine token, nothing after a NoSpaceAfter token, except where that would glue two words
(see lost_break: newseye and letemps lost many line breaks that way). A token ending in the OCR hyphenation mark
"¬" with NoSpaceAfter is written without the mark, so "Poin¬" + "caré" reads "Poincaré"
(the token keeps the span of "Poin"). The document date ("# hipe2022:date = 1888-08-03") is the
dispatch date; depeche wants at least a month, so a bare year becomes YYYY-01 and an unknown
date ("NA", 20 newseye pages) becomes 1900-01: dates are not annotated in newseye, so this
only changes what depeche resolves, never a score.

A predicted mention covers every token its byte span overlaps; a person's includes the title or
function before the name ("M. Hagenbeck", "maréchal Haig"), as hipe2020 and newseye annotate
(letemps annotates titles, not functions: "roi [Humbert]", README-letemps.md). Kinds map person->pers,
place->loc, org->org, date->time. Gold prod / HumanProd entities are dropped (depeche has no
such kind): a prediction overlapping one counts as a false positive, as in HIPE. A type the
file does not annotate at all (time outside hipe2020) is shown as n/a, not scored.
ALL = pers+loc+org.

  python3 bench/accuracy/hipe.py [--data DIR] [--extract PATH] [--lexicons DIR]
"""

import argparse
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scoring  # noqa: E402

TYPES = ["pers", "loc", "org", "time"]
ALL = ["pers", "loc", "org"]
GOLD_TYPE = {"pers": "pers", "per": "pers", "loc": "loc", "org": "org", "time": "time"}
KIND_TYPE = {"person": "pers", "place": "loc", "org": "org", "date": "time"}


def read_tsv(path):
    """-> [{"id", "date", "tokens": [(text, misc)], "tags": [...]}] for the NE-COARSE-LIT column."""
    docs, doc, col = [], None, 1
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("TOKEN\t"):
                col = line.split("\t").index("NE-COARSE-LIT")
            elif line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key, value = key.strip(), value.strip()
                if key.endswith(":document_id"):
                    doc = {"id": value, "date": None, "tokens": [], "tags": []}
                    docs.append(doc)
                elif key == "hipe2022:date" and doc is not None:
                    doc["date"] = value
            elif line.strip() and doc is not None:
                cells = line.split("\t")
                doc["tokens"].append((cells[0], cells[-1]))
                doc["tags"].append(cells[col] if len(cells) > col else "O")
    return docs


def dispatch_date(value):
    if value and len(value) >= 7 and value[:4].isdigit():
        return value[:10]
    if value and value[:4].isdigit():
        return value[:4] + "-01"
    return "1900-01"


def lost_break(tok, following):
    """NoSpaceAfter between two words ("de" + "Lasteyrie") or after a stop before a word
    ("Août." + "Le"): the original had a line break that the conversion dropped (newseye ~2,800
    and ~1,300 times, letemps ~900, hipe2020 once). We restore it, or the words would be glued."""
    if not tok or not following or tok.endswith("¬"):
        return False
    return (tok[-1].isalnum() and following[0].isalnum()) or (tok[-1] in ".,;:!?)»" and following[0].isalpha())


def rebuild(tokens):
    """-> (text, [(start_char, end_char)] per token)."""
    parts, spans, pos = [], [], 0
    for i, (tok, misc) in enumerate(tokens):
        flags = set(misc.split("|"))
        tok = raw = scoring.nfc(tok)
        if "NoSpaceAfter" in flags and tok.endswith("¬") and len(tok) > 1:
            tok = tok[:-1]
        spans.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        if i + 1 < len(tokens):
            if "NoSpaceAfter" not in flags:
                sep = "\n" if "EndOfLine" in flags else " "
            else:
                sep = "\n" if lost_break(raw, tokens[i + 1][0]) else ""
            parts.append(sep)
            pos += len(sep)
    text = "".join(parts)
    return text, spans


def token_span(tok_spans, start, end):
    """Char span -> token range [first, last+1) of the tokens it overlaps, or None."""
    hit = [i for i, (s, e) in enumerate(tok_spans) if s < end and e > start]
    return (hit[0], hit[-1] + 1) if hit else None


def score_file(path, args):
    docs = read_tsv(path)
    name = os.path.basename(path)
    inputs = []
    for d in docs:
        d["text"], d["spans"] = rebuild(d["tokens"])
        d["did"] = f"{name}#{d['id']}"
        if d["text"].strip():
            inputs.append({"id": d["did"], "date": dispatch_date(d["date"]), "text": scoring.check_text(d["text"])})
    run = scoring.extract(args, inputs)
    for d in docs:
        d["gold"] = [(s, e, GOLD_TYPE[t.lower()]) for s, e, t in scoring.decode_bio(d["tags"])
                     if t.lower() in GOLD_TYPE]
    annotated = {t for d in docs for _, _, t in d["gold"]}
    counts = scoring.SpanCounts()
    for d in docs:
        offs = scoring.byte_offsets(d["text"])
        pred = []
        for kind, _name, sb, eb, _ in scoring.mentions(run.by_id.get(d["did"]), KIND_TYPE):
            cs, ce = scoring.char_span(offs, sb, eb)
            span = token_span(d["spans"], cs, ce)
            if span:
                pred.append(span + (KIND_TYPE[kind],))
        # HIPE ignores predicted tags the gold file does not use at all (time outside hipe2020)
        pred = [p for p in pred if p[2] in annotated or p[2] in ALL]
        counts.add_document(d["gold"], pred, d)
    return counts, annotated, run, len(docs)


def show_errors(counts):
    for d, kind, (s, e, t) in counts.errors:
        words = " ".join(tok for tok, _ in d["tokens"][s:e])
        print(f"  {kind:7} {t:4} {d['id']}: {words}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    scoring.add_common_args(ap)
    args = ap.parse_args(argv)
    folder = os.path.join(scoring.data_dir(args), "hipe2022-fr")
    files = sorted(glob.glob(os.path.join(folder, "*.tsv")))
    if not files:
        return scoring.skip(f"no HIPE-2022 TSV files in {folder}")
    results = {}
    for path in files:
        counts, annotated, run, ndocs = score_file(path, args)
        name = os.path.basename(path)
        scoring.print_table(f"\nHIPE-2022 {name}: {ndocs} documents, NE-COARSE-LIT, token spans",
                            scoring.SPAN_HEADER, scoring.span_rows(counts, TYPES, ALL, annotated))
        run.report("  ")
        if args.verbose:
            show_errors(counts)
        results[name] = {t: counts.row([t]) for t in TYPES}
        results[name]["ALL"] = counts.row(ALL)
    scoring.finish()
    return results


if __name__ == "__main__":
    main()
