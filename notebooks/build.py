#!/usr/bin/python3
"""Writes the SeqLab teaching notebooks (unexecuted) from the cell sources in notebooks/src/.

Each notebook is one text file, notebooks/src/NAME.jsh, made of cells separated by marker
lines:

    //%% md                 a Markdown cell (its lines are the Markdown text)
    //%% code               a code cell
    //%% code parameters   the parameters cell (tagged "parameters" for `seqlab run -p`)

Usage:  /usr/bin/python3 notebooks/build.py [NAME ...]     (default: every notebook)

The notebooks are then executed in place by notebooks/run-all, which fills in the outputs.
Editing a notebook in Jupyter is fine too; run build.py only to regenerate from src/.
"""
import pathlib
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = pathlib.Path(__file__).resolve().parent
SRC = HERE / "src"

METADATA = {
    "kernelspec": {"name": "seqlab", "display_name": "SeqLab (Java)", "language": "java"},
    "language_info": {"name": "java"},
}


def cells_of(text):
    cells = []
    kind, tags, lines = None, [], []

    def flush():
        if kind is None:
            return
        body = "\n".join(lines).strip("\n")
        if kind == "md":
            cells.append(new_markdown_cell(body))
        else:
            cell = new_code_cell(body)
            if tags:
                cell.metadata["tags"] = list(tags)
            cells.append(cell)

    for line in text.splitlines():
        if line.startswith("//%%"):
            flush()
            words = line[4:].split()
            kind, tags, lines = words[0], words[1:], []
        else:
            lines.append(line)
    flush()
    return cells


def build(name):
    src = SRC / (name + ".jsh")
    nb = new_notebook(cells=cells_of(src.read_text(encoding="utf-8")), metadata=dict(METADATA))
    nb.nbformat, nb.nbformat_minor = 4, 5
    # Stable cell ids: regenerating a notebook does not churn its diff.
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{name[:2]}-{i:02d}"
    nbformat.validate(nb)
    out = HERE / (name + ".ipynb")
    nbformat.write(nb, str(out))
    print("wrote", out.relative_to(HERE.parent))


def main(argv):
    names = argv or sorted(p.stem for p in SRC.glob("*.jsh"))
    for name in names:
        build(name)


if __name__ == "__main__":
    main(sys.argv[1:])
