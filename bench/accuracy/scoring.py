"""Shared pieces of the accuracy scorers: span matching and P/R/F1, BIO decoding,
running depeche-extract (or reading saved predictions), and a table printer.

Span metrics follow the HIPE-2022 scorer's "micro" NERC figures for one column
(here NE-COARSE-LIT):
  strict: a prediction is correct when its span is exactly a gold span and its
          type is the gold type;
  fuzzy:  correct when it overlaps a gold span (one token or byte is enough) and
          has the gold type (HIPE's "ent_type" scheme);
  P = correct / predicted, R = correct / gold, F1 = harmonic mean.
Each gold and each predicted entity is matched at most once. Where HIPE takes the
first overlapping gold entity in file order, we pair greedily by largest overlap
(ties: the closer boundaries, then the earlier span), so that one long prediction
covering two gold entities is credited for the one it covers best, whatever the
order. Per-type counts put each prediction under its own type (like conlleval);
HIPE files a wrongly typed overlapping prediction under the gold type instead.
The ALL row sums the counts of the listed types, so it is unaffected by this.
"""

import bisect
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter

STARTED = time.perf_counter()
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# ---------------------------------------------------------------- command line

def data_dir(args):
    """--data, else $DEPECHE_DATA, else ../shared/data next to the repo root."""
    if args.data:
        return args.data
    return os.environ.get("DEPECHE_DATA") or os.path.join(os.path.dirname(REPO_ROOT), "shared", "data")


def add_common_args(parser, data=True):
    if data:
        parser.add_argument("--data", help="data folder (default: $DEPECHE_DATA or ../shared/data from the repo root)")
    parser.add_argument("--extract", default=os.path.join(REPO_ROOT, "build", "indexer", "depeche-extract"),
                        help="depeche-extract binary (default: build/indexer/depeche-extract of the repo)")
    parser.add_argument("--lexicons", default=os.path.join(REPO_ROOT, "corpus", "lexicons"),
                        help="lexicon folder (default: corpus/lexicons of the repo)")
    parser.add_argument("--predictions", help="read depeche-extract output (JSON Lines) from FILE instead of running it")
    parser.add_argument("--save-predictions", metavar="FILE", help="also write the extractor's output to FILE")
    parser.add_argument("--verbose", action="store_true", help="list the errors")


def finish():
    print(f"run time: {time.perf_counter() - STARTED:.2f} s")


def skip(what):
    """The data are optional: say what is missing and let the caller exit 0."""
    print(f"skipped: {what}")
    return None


# ---------------------------------------------------------------- text

def trim(text):
    """What depeche's readers strip from a JSON Lines text field (see common/readers.cpp)."""
    return text.lstrip(" \t").rstrip(" \t\r")


def check_text(text):
    """Offsets are only comparable if depeche sees exactly our string: it trims and NFC-normalises."""
    if trim(unicodedata.normalize("NFC", text)) != text:
        raise ValueError("dispatch text is not NFC or has edge spaces: offsets would shift")
    return text


def nfc(text):
    return unicodedata.normalize("NFC", text)


def byte_offsets(text):
    """char index -> UTF-8 byte offset, for every index 0..len(text)."""
    out = [0] * (len(text) + 1)
    pos = 0
    for i, ch in enumerate(text):
        out[i] = pos
        pos += len(ch.encode("utf-8"))
    out[len(text)] = pos
    return out


def char_span(offsets, start_byte, end_byte):
    """Byte span -> char span, using the (sorted) table from byte_offsets."""
    return bisect.bisect_left(offsets, start_byte), bisect.bisect_left(offsets, end_byte)


# ---------------------------------------------------------------- extractor

class Run:
    """Predictions by dispatch id, with the cost of getting them."""

    def __init__(self):
        self.by_id = {}
        self.seconds = 0.0
        self.bytes = 0
        self.rejected = []

    def report(self, label=""):
        mb = self.bytes / 1e6
        if self.seconds:
            print(f"{label}extractor: {mb:.3f} MB of text in {self.seconds:.2f} s ({mb / self.seconds:.2f} MB/s)"
                  + (f", {len(self.rejected)} records rejected" if self.rejected else ""))
        else:
            print(f"{label}predictions read from file ({mb:.3f} MB of text)")
        for line in self.rejected[:5]:
            print(f"  rejected: {line}")


def extract(args, docs):
    """docs: list of {"id","date","text"}; returns a Run. Runs depeche-extract once on all of them
    (JSON Lines on stdin), or reads --predictions. Always keyed by id: rejected records are skipped."""
    run = Run()
    run.bytes = sum(len(d["text"].encode("utf-8")) for d in docs)
    if args.predictions:
        with open(args.predictions, encoding="utf-8") as f:
            lines = f.read().splitlines()
    else:
        payload = "".join(json.dumps({"id": d["id"], "date": d["date"], "title": "", "text": d["text"]},
                                     ensure_ascii=False) + "\n" for d in docs).encode("utf-8")
        if not os.path.exists(args.extract):
            sys.exit(f"error: no extractor at {args.extract} (build it, or pass --extract PATH)")
        t0 = time.perf_counter()
        proc = subprocess.run([args.extract, "--lexicons", args.lexicons, "--format", "jsonl", "-"],
                              input=payload, capture_output=True)
        run.seconds = time.perf_counter() - t0
        if proc.returncode not in (0, 3):  # 3: completed, some records rejected
            sys.exit(f"error: depeche-extract failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[:500]}")
        run.rejected = proc.stderr.decode("utf-8", "replace").splitlines()
        text = proc.stdout.decode("utf-8")
        if args.save_predictions:
            with open(args.save_predictions, "w", encoding="utf-8") as f:
                f.write(text)
        lines = text.splitlines()
    for line in lines:
        if line.strip():
            rec = json.loads(line)
            run.by_id[str(rec["id"])] = rec
    return run


def mentions(record, kinds=None, titles=True):
    """(kind, name, start_byte, end_byte, text) for every mention of a prediction record.
    A person's mention includes the title or function before the name ("M. Hammond"), as HIPE
    and Quaero annotate; titles=False starts it at "name_start" instead ("Hammond"), as CoNLL-style
    sets (Europeana, WikiNEuRal) annotate."""
    out = []
    for ent in (record or {}).get("entities", []):
        if kinds is None or ent["kind"] in kinds:
            for m in ent["mentions"]:
                start = m["start"] if titles else m.get("name_start", m["start"])
                text = m.get("text", "")
                if start != m["start"]:
                    text = text.encode("utf-8")[start - m["start"]:].decode("utf-8", "replace")
                out.append((ent["kind"], ent["name"], start, m["end"], text))
    return out


# ---------------------------------------------------------------- BIO

def decode_bio(tags):
    """Tags (B-X / I-X / O, IOB1 or IOB2, any case) -> [(start, end, X)], end exclusive.
    An entity starts at B-X, or at I-X not preceded by B-X/I-X (IOB1 and broken IOB2)."""
    spans = []
    cur = None  # [start, type]
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, typ = tag.partition("-")
        if prefix not in ("B", "I") or not typ:
            prefix, typ = "O", None
        if cur and (prefix != "I" or typ != cur[1]):
            spans.append((cur[0], i, cur[1]))
            cur = None
        if prefix == "B" or (prefix == "I" and cur is None):
            cur = [i, typ]
    return spans


# ---------------------------------------------------------------- matching

def overlap(a, b):
    return min(a[1], b[1]) - max(a[0], b[0])


def match_greedy(gold, pred, same=lambda g, p: True):
    """One-to-one pairs (gi, pi) of overlapping spans, greedily by largest overlap.
    gold/pred: lists of (start, end, ...). same(g, p) filters candidate pairs (e.g. same type)."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = overlap(g, p)
            if ov > 0 and same(g, p):
                cands.append((-ov, abs(g[0] - p[0]) + abs(g[1] - p[1]), g[0], p[0], gi, pi))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for *_, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


class SpanCounts:
    """Accumulates, per type: gold, pred, strict TP, fuzzy TP. Spans are (start, end, type)."""

    def __init__(self):
        self.gold = Counter()
        self.pred = Counter()
        self.strict = Counter()
        self.fuzzy = Counter()
        self.errors = []  # (doc, kind, span, type) for --verbose

    def add_document(self, gold, pred, doc=""):
        gold, pred = sorted(set(gold)), sorted(set(pred))
        for g in gold:
            self.gold[g[2]] += 1
        for p in pred:
            self.pred[p[2]] += 1
        exact = set(gold) & set(pred)
        for s in exact:
            self.strict[s[2]] += 1
        pairs = match_greedy(gold, pred, lambda g, p: g[2] == p[2])
        for gi, _ in pairs:
            self.fuzzy[gold[gi][2]] += 1
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, g in enumerate(gold):
            if gi not in matched_g:
                self.errors.append((doc, "FN", g))
            elif g not in exact:
                self.errors.append((doc, "partial", g))
        for pi, p in enumerate(pred):
            if pi not in matched_p:
                self.errors.append((doc, "FP", p))

    def row(self, types):
        """Summed counts and (strict P,R,F1), (fuzzy P,R,F1) over `types`."""
        g = sum(self.gold[t] for t in types)
        p = sum(self.pred[t] for t in types)
        s = sum(self.strict[t] for t in types)
        f = sum(self.fuzzy[t] for t in types)
        return {"gold": g, "pred": p, "strict_tp": s, "fuzzy_tp": f,
                "strict": prf(s, p, g), "fuzzy": prf(f, p, g)}


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# ---------------------------------------------------------------- printing

def pct(x):
    return "-" if x is None else f"{100 * x:.1f}"


def print_table(title, header, rows):
    """rows: lists of cells (str or number); first column left-aligned, others right-aligned."""
    cells = [[str(c) for c in header]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(title)
    for n, r in enumerate(cells):
        print("  " + "  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r)))
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


SPAN_HEADER = ["type", "gold", "pred", "strict P", "R", "F1", "fuzzy P", "R", "F1"]


def span_rows(counts, types, all_types, annotated=None):
    """Table rows for SpanCounts: one per type, then ALL over all_types. A type the data do not
    annotate at all gets its prediction count and dashes (HIPE ignores tags absent from the gold)."""
    rows = []
    for t in types:
        r = counts.row([t])
        if annotated is not None and t not in annotated:
            rows.append([t, "n/a", r["pred"]] + ["-"] * 6)
        else:
            rows.append([t, r["gold"], r["pred"]] + [pct(x) for x in r["strict"] + r["fuzzy"]])
    r = counts.row(all_types)
    rows.append(["ALL(" + "+".join(all_types) + ")", r["gold"], r["pred"]] + [pct(x) for x in r["strict"] + r["fuzzy"]])
    return rows


# ---------------------------------------------------------------- dates

_CAL = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-W(0[1-9]|[1-4]\d|5[0-3])|-Q[1-4])?$")


def is_calendar(value):
    """YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, YYYY-Qn, and decades (YYY or YYYX)."""
    return bool(_CAL.match(value) or re.match(r"^\d{3}X?$", value))


def norm_timex(value):
    """TIMEX3 spellings that mean the same: decade 196X is depeche's 196."""
    return value[:3] if re.match(r"^\d{3}X$", value) else value
