#!/usr/bin/env python3
"""Scores depeche-extract on two token-tagged French NER sets, PER / LOC / ORG, token-based:

  Europeana (europeana-ner-fr/enp_FR.bnf.bio, "token TAG", IOB1, no sentence or page breaks):
    pages are cut at the line ranges listed in enp_FR.bnf.md, then into dispatch-sized
    documents: a document ends at the first ". ! ?" token outside an entity once it holds
    at least 250 tokens (about 1.5 KB, a short dispatch).
  WikiNEuRal (wikineural-fr/test.conllu, "index TAB token TAB IOB2", blank line between
    sentences): all of it (3.2 MB, a few seconds), 10 consecutive sentences per document.

Text is the tokens joined by spaces, except: no space after a token ending in an apostrophe
(l' avion -> l'avion) and none before , . ) ] or after ( [ , since depeche reads running text.
Every dispatch is dated 2000-01-01 (neutral: dates are not scored here). A predicted mention
covers the tokens its byte span overlaps, a person's from where its name starts ("name_start":
both sets leave titles and functions out, "M. [Hammond]"); person->PER, place->LOC, org->ORG; date mentions and
gold MISC entities are ignored (a prediction overlapping a MISC entity is a false positive).

  python3 bench/accuracy/bio.py [--data DIR] [--extract PATH] [--lexicons DIR]
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scoring  # noqa: E402
from hipe import token_span  # noqa: E402

TYPES = ["PER", "LOC", "ORG"]
KIND_TYPE = {"person": "PER", "place": "LOC", "org": "ORG"}
DATE = "2000-01-01"
MIN_TOKENS = 250
SENTENCES_PER_DOC = 10


def join_tokens(tokens):
    """-> (text, [(start, end)] per token), with the light detokenisation described above."""
    parts, spans, pos = [], [], 0
    for i, tok in enumerate(tokens):
        tok = scoring.nfc(tok)
        if i and not (tokens[i - 1].endswith(("'", "’", "(", "[")) or tok in (",", ".", ")", "]", "...")):
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), spans


def read_europeana(folder):
    path = os.path.join(folder, "enp_FR.bnf.bio")
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            tok, _, tag = line.rstrip("\n").rpartition(" ")
            rows.append((tok, tag))
    # page boundaries, "* [**L000001 - L006184**]" = 1-based line numbers
    starts = {0}
    md = os.path.join(folder, "enp_FR.bnf.md")
    if os.path.exists(md):
        with open(md, encoding="utf-8") as f:
            starts |= {int(m.group(1)) - 1 for m in re.finditer(r"\[\*\*L(\d+) - L\d+\*\*\]", f.read())}
    docs, cur = [], []
    for i, (tok, tag) in enumerate(rows):
        if i in starts and cur:
            docs.append(cur)
            cur = []
        cur.append((tok, tag))
        next_inside = i + 1 < len(rows) and rows[i + 1][1].startswith("I-")
        if len(cur) >= MIN_TOKENS and tok in (".", "!", "?") and not tag.startswith(("B-", "I-")) and not next_inside:
            docs.append(cur)
            cur = []
    if cur:
        docs.append(cur)
    return docs


def read_conll(path):
    sentences, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 3:
                cur.append((cells[1], cells[2]))
            elif cur:
                sentences.append(cur)
                cur = []
    if cur:
        sentences.append(cur)
    return [sum(sentences[i:i + SENTENCES_PER_DOC], []) for i in range(0, len(sentences), SENTENCES_PER_DOC)]


def score(name, docs, args):
    inputs = []
    for n, rows in enumerate(docs):
        text, spans = join_tokens([t for t, _ in rows])
        docs[n] = {"id": f"{name}-{n + 1:05d}", "rows": rows, "text": text, "spans": spans}
        inputs.append({"id": docs[n]["id"], "date": DATE, "text": scoring.check_text(text)})
    run = scoring.extract(args, inputs)
    counts = scoring.SpanCounts()
    for d in docs:
        gold = [(s, e, t.upper()) for s, e, t in scoring.decode_bio([tag for _, tag in d["rows"]])
                if t.upper() in TYPES]
        offs = scoring.byte_offsets(d["text"])
        pred = []
        for kind, _n, sb, eb, _ in scoring.mentions(run.by_id.get(d["id"]), KIND_TYPE, titles=False):
            span = token_span(d["spans"], *scoring.char_span(offs, sb, eb))
            if span:
                pred.append(span + (KIND_TYPE[kind],))
        counts.add_document(gold, pred, d)
    scoring.print_table(f"\n{name}: {len(docs)} documents, {sum(len(d['rows']) for d in docs)} tokens, token spans",
                        scoring.SPAN_HEADER, scoring.span_rows(counts, TYPES, TYPES))
    run.report("  ")
    if args.verbose:
        for d, kind, (s, e, t) in counts.errors:
            print(f"  {kind:7} {t:3} {d['id']}: {' '.join(tok for tok, _ in d['rows'][s:e])}")
    out = {t: counts.row([t]) for t in TYPES}
    out["ALL"] = counts.row(TYPES)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    scoring.add_common_args(ap)
    ap.add_argument("--only", choices=["europeana", "wikineural"], help="score one set")
    args = ap.parse_args(argv)
    data = scoring.data_dir(args)
    results = {}
    if args.only in (None, "europeana"):
        folder = os.path.join(data, "europeana-ner-fr")
        if os.path.exists(os.path.join(folder, "enp_FR.bnf.bio")):
            results["europeana"] = score("europeana", read_europeana(folder), args)
        else:
            scoring.skip(f"no Europeana NER file {folder}/enp_FR.bnf.bio")
    if args.only in (None, "wikineural"):
        path = os.path.join(data, "wikineural-fr", "test.conllu")
        if os.path.exists(path):
            results["wikineural"] = score("wikineural", read_conll(path), args)
        else:
            scoring.skip(f"no WikiNEuRal file {path}")
    scoring.finish()
    return results


if __name__ == "__main__":
    main()
