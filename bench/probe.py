#!/usr/bin/python3
"""A development probe: a few stacks of the Java worker on one configuration, round by round.

The profiling notes (bench/ANALYSIS.md) compare variants that the full benchmark does not:
the hand-written loop on one-layer blocks (djl-split), on the DSL's network (djl-dslnet) and
with the DSL's norm code (djl-dslnorms), or one stack under other environment variables or JVM
options. This script asks one warm worker for each stack in turn, rotating the order every
round after an untimed round, and prints the median step time per round and stack with the
process CPU time. Run `bench/run --quick --skip memory,kernel,runner` once first: it builds
the worker and installs what is missing.

    bench/probe.py --cfg c --stacks dsl,djl,djl-dslnet,djl-dslnorms --steps 150 --rounds 5
    bench/probe.py --cfg a --op infer --stacks dsl,djl --steps 60
    bench/probe.py --cfg d --stacks djl --threads 1 --env MALLOC_ARENA_MAX=   (an empty value unsets)
    bench/probe.py --cfg e --stacks djl@1,djl@2           (one worker, intra-op threads per request)

The worker starts with the native environment of the seqlab launcher (dev.seqlab.runtime.NativeEnv)
unless --env overrides a variable.
"""
import argparse
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from driver import CONFIGS, WorkerProcess, with_native_env  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cfg", default="a", choices=[k for k, _ in CONFIGS])
    ap.add_argument("--op", default="train", choices=["train", "infer"])
    ap.add_argument("--stacks", default="dsl,djl")
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE for the worker (empty VALUE unsets)")
    ap.add_argument("--jvm-opt", action="append", default=[], help="a JVM option for the worker")
    args = ap.parse_args()
    cp_file = os.path.join(HERE, "target", "classpath.txt")
    if not os.path.exists(cp_file):
        sys.exit("bench/probe.py: no bench/target/classpath.txt; run bench/run --quick once to build the worker.")
    cp = os.path.join(HERE, "target", "seqlab-bench-0.1.0-SNAPSHOT.jar") + ":" + open(cp_file).read().strip()
    env = with_native_env(cp, os.environ)
    for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[k] = str(args.threads)
    for kv in args.env:
        k, _, v = kv.partition("=")
        if v:
            env[k] = v
        else:
            env.pop(k, None)
    cfg = dict(CONFIGS)[args.cfg]
    stacks = args.stacks.split(",")
    worker = WorkerProcess("java-probe", ["java"] + args.jvm_opt + ["-Dai.djl.offline=true", "-Xss4m", "-cp", cp,
                                                                   "dev.seqlab.bench.Worker", "--threads", str(args.threads)], env)
    wall = {s: [] for s in stacks}
    cpu = {s: [] for s in stacks}
    try:
        for r in range(args.rounds + 1):
            for s in stacks[r % len(stacks):] + stacks[:r % len(stacks)]:
                stack, _, t = s.partition("@")  # dsl@1: the DSL with one intra-op thread
                req = {"op": args.op, "cfg": cfg, "steps": args.steps, "warmup": 3, "seed": 1, "stack": stack}
                if t:
                    req["threads"] = int(t)
                ans = worker.ask(req)
                if r > 0:
                    wall[s].append(statistics.median(ans["ms"]))
                    cpu[s].append(statistics.median(ans["cpu"]))
    finally:
        worker.close()
    print("(%s) %s %s, %d threads, %d rounds of %d; env %s" % (
        args.cfg, args.op, json.dumps(cfg), args.threads, args.rounds, args.steps,
        " ".join("%s=%s" % (k, env[k]) for k in sorted(env) if k.startswith(("OMP_WAIT", "MALLOC_", "ONEDNN_")))))
    base = statistics.median(wall["djl"] if "djl" in stacks else wall[stacks[-1]])
    for s in stacks:
        m = statistics.median(wall[s])
        print("%-13s median of rounds %8.2f ms (x%.3f)  rounds %s  cpu %s" % (
            s, m, m / base, " ".join("%.2f" % x for x in wall[s]), " ".join("%.2f" % x for x in cpu[s])))


if __name__ == "__main__":
    main()
