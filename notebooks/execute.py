#!/usr/bin/python3
"""Executes notebooks through real Jupyter (nbclient) with the installed `seqlab` kernel.

Usage:  /usr/bin/python3 notebooks/execute.py NOTEBOOK.ipynb [-o OUT.ipynb] [-p NAME VALUE ...]

Used by notebooks/run-all when `seqlab run` is not available. -p replaces the value of
`NAME = ...;` in the cell tagged `parameters` (the same override `seqlab run -p` offers).
Each cell's wall time is printed to stderr; the executed notebook is written to a temporary
file and renamed, so a failure never leaves a half-written notebook.
"""
import argparse
import os
import pathlib
import re
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent


def override(nb, params):
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if params and not cells:
        sys.exit("execute.py: the notebook has no cell tagged 'parameters'")
    for name, value in params:
        pattern = re.compile(r"^(\s*[\w<>\[\]]+\s+" + re.escape(name) + r"\s*=\s*)([^;]*)(;)", re.M)
        src, n = pattern.subn(lambda m: m.group(1) + value + m.group(3), cells[0].source)
        if n == 0:
            sys.exit(f"execute.py: no parameter {name} in the parameters cell")
        cells[0].source = src


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("-o", "--output")
    ap.add_argument("-p", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    ap.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    args = ap.parse_args()
    nb = nbformat.read(args.notebook, as_version=4)
    override(nb, args.p)
    started = {}

    def on_start(cell, cell_index, **_):
        started[cell_index] = time.time()

    def on_done(cell, cell_index, **_):
        print(f"  cell {cell_index}: {time.time() - started.get(cell_index, time.time()):.1f} s", file=sys.stderr, flush=True)

    t0 = time.time()
    client = NotebookClient(nb, kernel_name="seqlab", timeout=args.timeout, allow_errors=False,
                            resources={"metadata": {"path": str(ROOT)}},
                            on_cell_start=on_start, on_cell_executed=on_done)
    try:
        client.execute()
    finally:
        out = pathlib.Path(args.output or args.notebook)
        fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".ipynb.tmp")
        os.close(fd)
        nbformat.write(nb, tmp)
        os.replace(tmp, out)
        print(f"{args.notebook}: {time.time() - t0:.0f} s -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
