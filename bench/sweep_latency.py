"""Sweep rows: N short trials with `seqlab sweep --parallel 2` against one trial, and the Apache
Spark local-mode overhead per trial.

Every trial trains a small LSTM on the airline series (a few seconds). Measured as wall time of
the whole `seqlab sweep` process, median of the runs:
  one    one trial (--threads 1)
  par2   N trials, --parallel 2 --threads 1 (child JVMs)   goal: <= 1.15 x N/2 x one
  seq    N trials, --parallel 1 --threads 1 (child JVMs)
  spark  N trials, --master local[1] --threads 1 (Spark tasks in the sweep's JVM; needs the spark
         module built: mvn -B -pl spark -am package -DskipTests)
Spark's overhead per trial is (spark - seq) / N; it is negative when Spark's one JVM saves more
JVM and engine starts than the SparkContext costs.
"""
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time

N = 4


def _notebook(path):
    cells = [
        ("int H = 16;\nlong SEED = 1;", ["parameters"]),
        ('var air = Series.csv("datasets/airpassengers.csv", "passengers_thousands").windows(12).scale(STANDARD).difference()'
         '.split(0.7, 0.15);\n'
         'try (Run r = Experiment.of(Stack.lstm(H).layers(2), air).epochs(15).batch(16).seed(SEED).train()) {\n'
         '    record("rmse", r.metric("rmse"));\n}', []),
    ]
    nb = {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "seqlab", "display_name": "SeqLab (Java)", "language": "java"},
                     "language_info": {"name": "java"}},
        "cells": [{"cell_type": "code", "id": "c%d" % i, "metadata": {"tags": tags}, "execution_count": None, "outputs": [],
                   "source": src} for i, (src, tags) in enumerate(cells)],
    }
    with open(path, "w") as fh:
        json.dump(nb, fh, indent=1)


def _timed(cmd, cwd):
    t0 = time.perf_counter()
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900)
    dt = time.perf_counter() - t0
    if res.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (" ".join(cmd[:3]), res.returncode, (res.stderr or res.stdout).strip()[-300:]))
    return dt


def measure(root, quick=False, log=print):
    if not os.path.isfile(os.path.join(root, "kernel", "src", "main", "java", "dev", "seqlab", "cli", "SweepCommand.java")):
        return {"reason": "`seqlab sweep` is not in this build"}
    spark = os.path.isfile(os.path.join(root, "spark", "target", "seqlab-spark-0.1.0-SNAPSHOT.jar"))
    load0 = os.getloadavg()[0]
    tmp = tempfile.mkdtemp(prefix="seqlab-bench-sweep-")
    try:
        nb = os.path.join(tmp, "trial.ipynb")
        _notebook(nb)
        one_grid = os.path.join(tmp, "one.json")
        grid = os.path.join(tmp, "grid.json")
        with open(one_grid, "w") as fh:
            json.dump({"H": [16]}, fh)
        with open(grid, "w") as fh:
            json.dump({"H": [16, 24]}, fh)
        seeds = ",".join(str(s) for s in range(1, N // 2 + 1))
        launcher = os.path.join(root, "seqlab")
        count = [0]

        def cmd(*extra):
            count[0] += 1
            return [launcher, "sweep", nb, "-o", os.path.join(tmp, "out%d" % count[0]), "--threads", "1"] + list(extra)

        kinds = {
            "one": lambda: cmd("--grid", one_grid, "--seeds", "1"),
            "par2": lambda: cmd("--grid", grid, "--seeds", seeds, "--parallel", "2"),
            "seq": lambda: cmd("--grid", grid, "--seeds", seeds, "--parallel", "1"),
        }
        if spark:
            kinds["spark"] = lambda: cmd("--grid", grid, "--seeds", seeds, "--parallel", "1", "--master", "local[1]")
        _timed(kinds["one"](), root)  # untimed: the launcher may build on first use, the engine unpacks
        runs = 1 if quick else 3
        times = {k: [] for k in kinds}
        for r in range(runs):
            for k, c in kinds.items():
                log("sweep: %s, run %d of %d" % (k, r + 1, runs))
                times[k].append(_timed(c(), root))
        med = {k: statistics.median(v) for k, v in times.items()}
        out = {"n": N, "runs": runs, "median_s": med, "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
               "load_at_start": load0,
               "parallel_goal_s": 1.15 * N / 2 * med["one"],
               "parallel_ratio": med["par2"] / (N / 2 * med["one"])}
        if spark:
            out["spark_overhead_per_trial_s"] = (med["spark"] - med["seq"]) / N
        else:
            out["spark_reason"] = "the spark module is not built (mvn -B -pl spark -am package -DskipTests)"
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def render(res):
    """Markdown lines for BENCHMARKS.md."""
    lines = ["", "## Sweeps: parallel trials and Spark's overhead", ""]
    if not res or res.get("reason"):
        lines.append("Not measured in this run%s." % ((": " + res["reason"]) if res and res.get("reason") else ""))
        return lines
    m = res["median_s"]
    lines.append(__doc__.split("\n\n")[0].replace("\n", " "))
    lines.append("")
    if res.get("when"):
        lines.append("Measured %s (1-minute load average at start %.2f)." % (res["when"], res.get("load_at_start", float("nan"))))
        lines.append("")
    lines.append("| Sweep (%d trials unless one) | median wall s (of %d) |" % (res["n"], res["runs"]))
    lines.append("|---|---|")
    for k, label in (("one", "one trial"), ("par2", "--parallel 2"), ("seq", "--parallel 1"), ("spark", "--master local[1]")):
        if k in m:
            lines.append("| %s | %.1f |" % (label, m[k]))
    lines.append("")
    lines.append("--parallel 2 took %.2f x N/2 x one trial (goal <= 1.15: %s)." % (
        res["parallel_ratio"], "met" if res["parallel_ratio"] <= 1.15 else "not met"))
    if "spark_overhead_per_trial_s" in res:
        lines.append("Spark local overhead per trial: %+.2f s against child JVMs one at a time." % res["spark_overhead_per_trial_s"])
    else:
        lines.append("Spark: not measured (%s)." % res.get("spark_reason", ""))
    return lines


if __name__ == "__main__":
    import sys
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    r = measure(root, quick="--quick" in sys.argv, log=lambda m: print(m, file=sys.stderr))
    print(json.dumps(r, indent=1))
    print("\n".join(render(r)))
