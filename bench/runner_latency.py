"""Headless runner rows: a 10-cell trivial notebook end to end.

`./seqlab run trivial-java.ipynb -o OUT` (the launcher, JVM start, engine, JShell, ten `1+1`
cells, the executed notebook written) against `/usr/bin/jupyter nbconvert --to notebook
--execute` of the same ten cells in Python with Debian's ipykernel. The two alternate, run by
run; wall time of the whole process, median of the runs.
"""
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time

CELLS = 10


def _notebook(path, kernel, language):
    nb = {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": kernel, "display_name": kernel, "language": language},
                     "language_info": {"name": language}},
        "cells": [{"cell_type": "code", "id": "c%d" % i, "metadata": {}, "execution_count": None, "outputs": [],
                   "source": "1+1"} for i in range(CELLS)],
    }
    with open(path, "w") as fh:
        json.dump(nb, fh, indent=1)


def _timed(cmd, cwd, env):
    t0 = time.perf_counter()
    res = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    dt = time.perf_counter() - t0
    if res.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (cmd[0], res.returncode, (res.stderr or res.stdout).strip()[-300:]))
    return dt


def measure(root, quick=False, log=print):
    if not os.path.isfile(os.path.join(root, "kernel", "src", "main", "java", "dev", "seqlab", "cli", "RunCommand.java")):
        return {"reason": "`seqlab run` (the runner branch) is not in this build"}
    if not os.access("/usr/bin/jupyter", os.X_OK):
        return {"reason": "/usr/bin/jupyter is missing (install jupyter-nbconvert)"}
    tmp = tempfile.mkdtemp(prefix="seqlab-bench-runner-")
    try:
        java_nb = os.path.join(tmp, "trivial-java.ipynb")
        py_nb = os.path.join(tmp, "trivial-python.ipynb")
        _notebook(java_nb, "seqlab", "java")
        _notebook(py_nb, "python3", "python")
        env = dict(os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1")
        runs = 2 if quick else 5
        cmds = {
            "seqlab": [os.path.join(root, "seqlab"), "run", java_nb, "-o", os.path.join(tmp, "out-java.ipynb")],
            "nbconvert": ["/usr/bin/jupyter", "nbconvert", "--to", "notebook", "--execute", py_nb,
                          "--ExecutePreprocessor.kernel_name=python3", "--output", os.path.join(tmp, "out-python.ipynb")],
        }
        _timed(cmds["seqlab"], root, env)  # untimed: the launcher may build on first use
        times = {k: [] for k in cmds}
        for r in range(runs):
            for k in (["seqlab", "nbconvert"] if r % 2 == 0 else ["nbconvert", "seqlab"]):
                times[k].append(_timed(cmds[k], root, env))
                log("runner %d/%d: %s %.2f s" % (r + 1, runs, k, times[k][-1]))
        with open(os.path.join(tmp, "out-java.ipynb")) as fh:
            out = json.load(fh)
        def text(o):
            t = o.get("data", {}).get("text/plain", "")
            return "".join(t) if isinstance(t, list) else t

        ok = sum(1 for c in out["cells"] if any(text(o).strip() == "2" for o in c.get("outputs", [])))
        if ok != CELLS:
            return {"reason": "seqlab run wrote %d of %d cells with the result 2" % (ok, CELLS)}
        return {"runs": runs, "method": (
            "A notebook of %d `1+1` cells, run %d times by each command, alternating, after one untimed `seqlab run`; "
            "wall time of the whole process (start, all cells, executed notebook written). SeqLab: `./seqlab run NB -o OUT`; "
            "Debian: `/usr/bin/jupyter nbconvert --to notebook --execute` with ipykernel on the same cells in Python."
            % (CELLS, runs)),
            "rows": [{"name": "`seqlab run` (SeqLab kernel engine)", "median_s": statistics.median(times["seqlab"]),
                      "all": times["seqlab"]},
                     {"name": "`jupyter nbconvert --execute` (ipykernel)", "median_s": statistics.median(times["nbconvert"]),
                      "all": times["nbconvert"]}]}
    except Exception as e:
        log("runner: failed: %r" % e)
        return {"reason": "the measurement failed: %r" % e}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
