"""Shared set-up for the scorer tests: import paths, the hand-made data, quiet runs."""

import contextlib
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "bench", "accuracy"))

DATA = os.path.join(HERE, "data")           # laid out like ../shared/data, all invented text
PREDICTIONS = os.path.join(HERE, "predictions")  # hand-made depeche-extract output


def run(main, *argv):
    """Runs a scorer's main(argv) -> (returned results, printed text)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = main(list(argv))
    return result, out.getvalue()


def predictions(name):
    return os.path.join(PREDICTIONS, name + ".jsonl")
