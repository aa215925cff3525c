#!/usr/bin/env python3
"""Scores depeche-extract's dates on the French DateTime specs of Microsoft Recognizers-Text
(recognizers-datetime-fr/*.json).

Cases: those whose NotSupported / NotSupportedByDesign do not name "dotnet" (the reference
implementation passes them), and whose expected results include a date or daterange with a
value we can compare; other results of the case (time, duration, set...) are ignored. The
*Extractor.json files give spans without values, so they are not scored. Each input is one
dispatch dated by Context.ReferenceDateTime; without one, the upstream harness uses "now", and
we use 2016-11-07, the reference of almost every case (such cases' expected values are
absolute, or come with a past and a future reading, either of which we accept).

Values are compared as calendar intervals [first day, last day], so 2016-Q3 equals the spec's
range (2016-07-01,2016-10-01,P3M), and "2010/2018" (depeche's range form, START/END, both ends
included) is read as [2010-01-01, 2018-12-31]. The accepted intervals of one expected result:
  - its timex, if it is a calendar value (2016-11-07, 2016-12, 2016-W45, 1999, 197 decades...);
  - each resolution (FutureResolution / PastResolution, or every entry of Resolution.values):
    a date is one day; a range (start, end) has an exclusive end, so [start, end - 1 day];
  - for a timex "(S,E,PnD|PnM|PnY)", also the reading that includes E's day / month / year:
    the spec writes "du 4 au 22" as (..-04,..-22,P18D), the spoken end, not an exclusive one.
Seasons (2016-SU) and weekends (2016-W45-WE) are also compared as strings, since depeche writes
them so. Impossible dates in the spec (2016-02-30, "not resolved") give no interval; a result
with nothing comparable is left out.

Extraction recall: expected results that a predicted date mention overlaps (one-to-one).
Value accuracy: expected results whose overlapping prediction has an accepted value, over all
of them (a missed date counts as wrong).

  python3 bench/accuracy/recognizers.py [--data DIR] [--extract PATH] [--lexicons DIR] [--verbose]
"""

import argparse
import calendar
import datetime as dt
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scoring  # noqa: E402

DEFAULT_REFERENCE = "2016-11-07"
DAY = dt.timedelta(days=1)


def _date(y, m, d):
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def interval(value):
    """A TIMEX3-style calendar value (or depeche's START/END) -> (first_day, last_day), or None."""
    if "/" in value:
        a, _, b = value.partition("/")
        a, b = interval(a), interval(b)
        return (a[0], b[1]) if a and b else None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        d = _date(*m.groups())
        return (d, d) if d else None
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m and 1 <= int(m.group(2)) <= 12:
        y, mo = int(m.group(1)), int(m.group(2))
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        last = 3 * q
        return dt.date(y, last - 2, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        try:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        return monday, monday + 6 * DAY
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    if re.fullmatch(r"\d{3}X?", value):  # decade: 197 or 197X
        y = int(value[:3]) * 10
        return dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
    return None


def key(value):
    """What we compare: the interval, or the string itself for seasons, weekends and the like."""
    return interval(value) or value


def _iso(s):
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s or "")
    return _date(*m.groups()) if m else None


def accepted(result):
    """Accepted keys of one expected result, or None if it is not a comparable date/daterange."""
    typ = (result.get("Type") or result.get("TypeName") or "").split(".")[-1]
    if typ not in ("date", "daterange"):
        return None
    val = result.get("Value") or result.get("Resolution") or {}
    if "values" in val:  # model format: [{"timex", "type", "value" | "start"/"end"}]
        timexes = [v.get("timex", "") for v in val["values"]]
        points = [v.get("value") for v in val["values"] if v.get("value")]
        ranges = [(v.get("start"), v.get("end")) for v in val["values"] if v.get("start") and v.get("end")]
    else:  # parser format: {"Timex", "FutureResolution", "PastResolution"}
        timexes = [val.get("Timex", "")]
        res = [val.get("FutureResolution") or {}, val.get("PastResolution") or {}]
        points = [r["date"] for r in res if r.get("date")]
        ranges = [(r["startDate"], r["endDate"]) for r in res if r.get("startDate") and r.get("endDate")]
    keys = set()
    for t in timexes:
        if interval(t):
            keys.add(interval(t))
        if re.fullmatch(r"\d{4}-(SU|WI|FA|SP)|\d{4}-W\d{2}-WE", t):
            keys.add(t)
    for p in points:
        d = _iso(p)
        if d:
            keys.add((d, d))
    for s, e in ranges:
        s, e = _iso(s), _iso(e)
        if not (s and e and s < e):
            continue
        keys.add((s, e - DAY))
        for season in ("SU", "WI", "FA", "SP"):  # "SU" without a year: the year of the reading
            if season in timexes:
                keys.add(f"{s.year}-{season}")
        m = re.fullmatch(r"\(.*,.*,P\d+([DMY])\)", timexes[0])
        if m:  # the spoken, inclusive end
            unit = m.group(1)
            end = e if unit == "D" else (
                dt.date(e.year, e.month, calendar.monthrange(e.year, e.month)[1]) if unit == "M"
                else dt.date(e.year, 12, 31))
            keys.add((s, end))
    return keys or None


def locate(text, result, shift):
    """Char span of the expected text in our (trimmed) input: the occurrence nearest Start."""
    needle = result["Text"].strip().lower()
    hay = text.lower()
    start = result.get("Start", result.get("start", 0)) - shift
    hits = [i for i in range(len(hay)) if hay.startswith(needle, i)]
    if not hits:
        return None
    i = min(hits, key=lambda h: abs(h - start))
    return i, i + len(needle)


def load_cases(folder):
    """-> [(file, index, text, date, [(start, end, keys)])] for the scored cases."""
    cases = []
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8-sig") as f:
            specs = json.load(f)
        for n, case in enumerate(specs):
            marks = (str(case.get("NotSupported", "")) + "," + str(case.get("NotSupportedByDesign", ""))).lower()
            if "dotnet" in marks:
                continue
            raw = scoring.nfc(case["Input"])
            text = scoring.trim(raw)
            shift = len(raw) - len(raw.lstrip(" \t"))
            if not text:
                continue
            gold = []
            for r in case.get("Results", []):
                keys = accepted(r)
                span = locate(text, r, shift) if keys else None
                if span:
                    gold.append(span + (keys,))
            if gold:
                ref = (case.get("Context") or {}).get("ReferenceDateTime") or DEFAULT_REFERENCE
                cases.append((name, n, text, ref[:10], gold))
    return cases


def show(value_keys):
    out = []
    for k in sorted(value_keys, key=str):
        out.append(k if isinstance(k, str) else (k[0].isoformat() if k[0] == k[1] else f"{k[0]}..{k[1]}"))
    return " | ".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    scoring.add_common_args(ap)
    args = ap.parse_args(argv)
    folder = os.path.join(scoring.data_dir(args), "recognizers-datetime-fr")
    if not glob.glob(os.path.join(folder, "*.json")):
        return scoring.skip(f"no Recognizers-Text spec files in {folder}")
    cases = load_cases(folder)
    ids = [f"{name}#{n}" for name, n, *_ in cases]
    run = scoring.extract(args, [{"id": i, "date": c[3], "text": scoring.check_text(c[2])} for i, c in zip(ids, cases)])

    per_file = {}
    for cid, (name, _n, text, _ref, gold) in zip(ids, cases):
        stats = per_file.setdefault(name, {"cases": 0, "gold": 0, "found": 0, "right": 0})
        stats["cases"] += 1
        stats["gold"] += len(gold)
        offs = scoring.byte_offsets(text)
        pred = [scoring.char_span(offs, sb, eb) + (v,) for _k, v, sb, eb, _t in
                scoring.mentions(run.by_id.get(cid), {"date"})]
        pairs = dict(scoring.match_greedy(gold, pred))
        for gi, (s, e, keys) in enumerate(gold):
            if gi in pairs:
                stats["found"] += 1
                value = pred[pairs[gi]][2]
                if key(value) in keys:
                    stats["right"] += 1
                elif args.verbose:
                    print(f"  VALUE {cid}: {text!r} [{text[s:e]}] want {show(keys)}, got {value}")
            elif args.verbose:
                print(f"  MISS  {cid}: {text!r} [{text[s:e]}] want {show(keys)}")
    rows = []
    total = {"cases": 0, "gold": 0, "found": 0, "right": 0}
    for name, st in sorted(per_file.items()):
        for k in total:
            total[k] += st[k]
    for name, st in sorted(per_file.items()) + [("ALL", total)]:
        rows.append([name, st["cases"], st["gold"], st["found"], scoring.pct(st["found"] / st["gold"]),
                     st["right"], scoring.pct(st["right"] / st["gold"])])
    scoring.print_table("\nRecognizers-Text French date specs (dotnet-supported cases with date/daterange values)",
                        ["file", "cases", "gold", "found", "recall", "right", "value acc"], rows)
    run.report("  ")
    per_file["ALL"] = total
    scoring.finish()
    return per_file


if __name__ == "__main__":
    main()
