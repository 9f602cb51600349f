#!/usr/bin/python3
"""Runs the SeqLab benchmark and writes BENCHMARKS.md. Started by bench/run; see its header.

Training and inference are measured in two warm worker processes, the Java one
(dev.seqlab.bench.Worker: the DSL and a hand-written DJL loop) and the Python one
(bench/torch_step.py: PyTorch), asked in turn: for every round, for every configuration, the
three stacks run one after another in an order that rotates from round to round, so slow
phases of a shared machine hit all of them alike. Medians are over all timed steps of all
rounds; the spread is the lowest and highest per-round median.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

CONFIGS = [
    ("a", {"cell": "lstm", "B": 64, "T": 50, "F": 1, "H": 128, "L": 2}),
    ("b", {"cell": "lstm", "B": 32, "T": 100, "F": 1, "H": 256, "L": 4}),
    ("c", {"cell": "lstm", "B": 128, "T": 20, "F": 1, "H": 64, "L": 1}),
    ("d", {"cell": "gru", "B": 64, "T": 50, "F": 1, "H": 128, "L": 2}),
    ("e", {"cell": "rnn", "B": 64, "T": 50, "F": 1, "H": 128, "L": 2}),
]
STACKS = ["dsl", "djl", "pytorch"]
GATES = {"lstm": 4, "gru": 3, "rnn": 1}
CELL_NAME = {"lstm": "LSTM", "gru": "GRU", "rnn": "RNN (tanh)"}


def log(msg):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


class WorkerProcess:
    """A worker that answers one JSON line per JSON request line."""

    def __init__(self, name, argv, env):
        self.name = name
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(
            os.path.join(ROOT, "bench", "target", name + ".stderr.log"), "w"), env=env, text=True, bufsize=1)

    def ask(self, req):
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("%s worker died; see bench/target/%s.stderr.log" % (self.name, self.name))
        res = json.loads(line)
        if "error" in res:
            raise RuntimeError("%s worker: %s" % (self.name, res["error"]))
        return res

    def close(self):
        try:
            self.proc.stdin.write('{"op":"quit"}\n')
            self.proc.stdin.flush()
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()


def forward_flops(cfg):
    """Multiply-adds x 2 of the recurrent layers and the head for one forward pass of a batch."""
    g, h, b, t = GATES[cfg["cell"]], cfg["H"], cfg["B"], cfg["T"]
    total = 0
    inp = cfg["F"]
    for _ in range(cfg["L"]):
        total += 2 * g * h * (inp + h) * b * t
        inp = h
    return total + 2 * h * b


def train_flops(cfg):
    """Forward plus backward, the backward counted as twice the forward."""
    return 3 * forward_flops(cfg)


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def p95(xs):
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def summarize(per_round):
    """per_round: list of lists of ms -> dict(median, lo, hi, n)."""
    pooled = [x for r in per_round for x in r]
    meds = [median(r) for r in per_round if r]
    return {"median": median(pooled), "lo": min(meds) if meds else float("nan"),
            "hi": max(meds) if meds else float("nan"), "n": len(pooled)}


def machine_info(java_info, torch_info, threads):
    cpu = "unknown"
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "unknown"
    with open("/proc/meminfo") as fh:
        for line in fh:
            if line.startswith("MemTotal"):
                mem = "%.1f GiB" % (int(line.split()[1]) / 1048576.0)
    flags = open("/proc/cpuinfo").read()
    simd = [f for f in ("avx512f", "avx2", "fma") if (" %s " % f) in flags]

    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
        except Exception:
            return "unknown"

    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu, "cores": os.cpu_count(), "simd": ", ".join(simd), "memory": mem,
        "os": sh(". /etc/os-release && echo $PRETTY_NAME") + ", Linux " + platform.release(),
        "load": sh("cut -d' ' -f1-3 /proc/loadavg"),
        "jdk": java_info["java"], "djl": java_info["djl"], "libtorch": java_info["pytorch"],
        "debian_torch": sh("dpkg-query -W -f='${Version}' python3-torch") + " (torch.__version__ " + torch_info["torch"] + ")",
        "blas": sh("readlink -f /etc/alternatives/libblas.so.3-x86_64-linux-gnu"),
        "python": torch_info["python"], "threads": threads,
        "torch_interop": torch_info["interop_threads"],
        "omp": os.environ.get("OMP_WAIT_POLICY", "unset"),
        "git": sh("git -C '%s' rev-parse --short HEAD" % ROOT) + sh("git -C '%s' diff --quiet || echo ' (dirty)'" % ROOT),
    }


def with_native_env(classpath, env):
    """env plus the variables the seqlab launcher sets (dev.seqlab.runtime.NativeEnv) that env lacks."""
    out = dict(env)
    for line in subprocess.run(["java", "-cp", classpath, "dev.seqlab.bench.Worker", "--native-env"], capture_output=True,
                               text=True, check=True).stdout.splitlines():
        k, _, v = line.partition("=")
        out.setdefault(k, v)
    return out


def engine_jvm_options(log):
    """The -X options of the kernel's JVM, read from the kernelspec that `seqlab install` writes."""
    import kernel_latency
    prefix = tempfile.mkdtemp(prefix="seqlab-bench-spec-")
    try:
        if kernel_latency._install(ROOT, prefix, log):
            return []
        with open(os.path.join(prefix, "share", "jupyter", "kernels", kernel_latency.NAME, "kernel.json")) as fh:
            # The class-data archive lives in the temporary kernelspec; the memory probe runs without it.
            return [a for a in json.load(fh)["argv"] if a.startswith("-X") and not a.startswith(("-XX:SharedArchiveFile", "-Xlog:cds"))]
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


def run_compute(java, torch_w, mode):
    rounds, steps, warmup = mode["rounds"], mode["steps"], mode["warmup"]
    res = {"train": {k: {s: [] for s in STACKS} for k, _ in CONFIGS},
           "train_cpu": {k: {s: [] for s in STACKS} for k, _ in CONFIGS},
           "infer": {s: [] for s in STACKS}, "infer_cpu": {s: [] for s in STACKS}, "sgemm": {"djl": [], "pytorch": []}}
    ask = {"dsl": lambda req: java.ask(dict(req, stack="dsl")),
           "djl": lambda req: java.ask(dict(req, stack="djl")),
           "pytorch": lambda req: torch_w.ask(req)}
    # Untimed round: warms every code path (JIT, allocator, oneDNN primitives) in both processes and
    # sizes each configuration's requests so that one lasts about mode["request_ms"] (short steps
    # get more of them; never fewer than mode["steps"], never more than 200).
    steps_of = {}
    for key, cfg in CONFIGS:
        meds = []
        for s in STACKS:
            meds.append(median(ask[s]({"op": "train", "cfg": cfg, "steps": 3, "warmup": 2, "seed": 41})["ms"]))
        steps_of[key] = int(min(200, max(steps, mode["request_ms"] / max(1e-3, min(meds)))))
        log("warm-up: (%s) %s step about %.1f ms -> %d timed steps per request" % (key, cfg["cell"], min(meds), steps_of[key]))
    for s in STACKS:
        ask[s]({"op": "infer", "cfg": CONFIGS[0][1], "steps": 5, "warmup": 3, "seed": 41})
    res["steps"] = steps_of
    for r in range(rounds):
        order = STACKS[r % 3:] + STACKS[:r % 3]
        log("round %d/%d: SGEMM" % (r + 1, rounds))
        for s in (["djl", "pytorch"] if r % 2 == 0 else ["pytorch", "djl"]):
            res["sgemm"][s].append(ask[s]({"op": "sgemm", "n": mode["sgemm_n"], "steps": mode["sgemm_reps"], "warmup": 2})["ms"])
        for key, cfg in CONFIGS:
            for s in order:
                t0 = time.time()
                ans = ask[s]({"op": "train", "cfg": cfg, "steps": steps_of[key], "warmup": warmup, "seed": 42 + r})
                ms = ans["ms"]
                res["train"][key][s].append(ms)
                res["train_cpu"][key][s].append(ans["cpu"][0])
                if "threadsUsed" in ans:
                    res.setdefault("dsl_threads", {})[key] = ans["threadsUsed"]
                log("round %d/%d: (%s) %s %-7s median %.1f ms (%.0f s)" % (
                    r + 1, rounds, key, cfg["cell"], s, median(ms), time.time() - t0))
        cfg_a = CONFIGS[0][1]
        for s in order:
            ans = ask[s]({"op": "infer", "cfg": cfg_a, "steps": mode["infer_reps"], "warmup": 3, "seed": 42 + r})
            ms = ans["ms"]
            res["infer"][s].append(ms)
            res["infer_cpu"][s].append(ans["cpu"][0])
            log("round %d/%d: inference (a) %-7s median %.1f ms" % (r + 1, rounds, s, median(ms)))
    return res


def fmt(x, d=1):
    return "n/a" if x is None or x != x else ("%." + str(d) + "f") % x


def verdict(ok):
    return "met" if ok else "**missed**"


def write_report(path, info, mode, command, comp, mem, kernel, runner, analysis):
    lines = []
    w = lines.append
    quick = mode["name"] == "quick"
    w("# SeqLab benchmarks")
    w("")
    w("Written by `%s` on %s. Do not edit by hand: run the command again." % (command, info["date"]))
    w("")
    w("**The command**: `bench/run` from the repository root (the figures of record: about 10 to 15 minutes on 2 cores; "
      "run it on a quiet machine). It installs what is missing from Debian (python3-torch, OpenBLAS, Jupyter client, "
      "ipykernel, nbconvert), builds `dsl`, `kernel` and `bench` with Maven, then alternates the Java and Python workers. "
      "`bench/run --quick` is the development version (noisy); `bench/run --threads 1` compares the stacks free of "
      "thread wake-up effects (see the profiling notes). Raw numbers: `bench/target/results.json`.")
    if quick:
        w("")
        w("> **Quick mode**: few rounds and steps, for development only; numbers are noisy. "
          "Run `bench/run` (without `--quick`) on a quiet machine for the figures of record.")
    w("")
    w("## Machine and software")
    w("")
    w("| | |")
    w("|---|---|")
    for k, label in [("cpu", "CPU"), ("cores", "Cores (os.cpu_count)"), ("simd", "SIMD"), ("memory", "Memory"), ("os", "OS"),
                     ("load", "Load average at start"), ("jdk", "JDK"), ("djl", "DJL"), ("libtorch", "libtorch (DJL's PyTorch engine)"),
                     ("debian_torch", "Debian python3-torch"), ("blas", "BLAS behind Debian torch"), ("python", "Python (/usr/bin/python3)"),
                     ("git", "SeqLab commit")]:
        w("| %s | %s |" % (label, info[k]))
    w("")
    w("Threads, set equally for every stack: `OMP_WAIT_POLICY=%s`, `OMP_NUM_THREADS=%d`, `OPENBLAS_NUM_THREADS=%d`, "
      "`MKL_NUM_THREADS=%d` in the environment of both workers; libtorch intra-op threads %d "
      "(`Torch.threads(%d)` in Java, `torch.set_num_threads(%d)` in Python). Debian torch's inter-op pool has %d thread(s); "
      "DJL's is libtorch's default (not used by these single-graph steps). The Java workers also get the rest of the "
      "native environment that the `seqlab` launcher and kernelspec give SeqLab (`dev.seqlab.runtime.NativeEnv`): `%s`; "
      "the PyTorch worker keeps glibc's defaults, as Debian runs it (with the same allocator settings its tanh RNN was "
      "slower; see the profiling notes, \"Page faults\" and \"oneDNN\"), and no libgomp spin (with SeqLab's "
      "`GOMP_SPINCOUNT=1000` its GRU and RNN steps were slower, since its OpenBLAS threads spin on their own; see "
      "\"Threads wake up\")."
      % (info["omp"], info["threads"], info["threads"], info["threads"], info["threads"], info["threads"], info["threads"],
         info["torch_interop"], info.get("native_env", info.get("malloc", "glibc defaults"))))
    if comp.get("dsl_threads"):
        w("")
        w("The DSL's experiments name no thread count, as a user's need not: they train with the session's count, and each "
          "run records the count it used. Used here: %s. The hand-written DJL loop and PyTorch run with the session's count."
          % ", ".join("(%s) %s" % (k, v) for k, v in sorted(comp["dsl_threads"].items())))
    w("")
    w("Mode `%s`: one untimed round first (every stack and configuration, to warm the JIT and libraries and to size the "
      "requests), then %d timed rounds; per round and stack at least %d timed training steps after %d warm-up steps, more "
      "where steps are short, so that a request lasts about %.1f s (timed steps per request: %s); %d timed inference passes "
      "after 3; SGEMM %d products of %dx%d after 2." % (
          mode["name"], mode["rounds"], mode["steps"], mode["warmup"], mode["request_ms"] / 1e3,
          ", ".join("(%s) %d" % kv for kv in sorted(comp.get("steps", {}).items())), mode["infer_reps"], mode["sgemm_reps"],
          mode["sgemm_n"], mode["sgemm_n"]))
    w("")
    w("## Method")
    w("")
    w("- **DSL**: `Experiment.of(Stack.lstm(H).layers(L).regression(), data).adam(1e-3).epochs(1).batch(B)` on a synthetic "
      "regression data set (N(0,1) inputs, one target; `bench/.../SyntheticData.java`), exactly the user's path: the DSL's "
      "training loop with its per-step batch copy, forward, backward, per-layer gradient norms, Adam update per parameter "
      "and one read-back. A step's time is the interval between consecutive `TrainingListener.onStep` events. Inference: "
      "`Run.predictRaw(part)` on one batch of B.")
    w("- **DJL**: a hand-written DJL loop (`DjlBench.java`): one fused `LSTM`/`GRU`/`RNN` block with `numLayers=L`, "
      "batch first, `Linear` head on the last step, MSE, Adam(1e-3), per-step sub-manager, `GradientCollector`, "
      "`optimizer.update` per parameter, loss read back; batch copied from the heap each step. Inference: forward "
      "without gradient, output copied to the heap.")
    w("- **PyTorch**: `bench/torch_step.py`, Debian's python3-torch: `nn.LSTM/GRU/RNN(num_layers=L, batch_first=True)` + "
      "`Linear` + `MSELoss` + `Adam(1e-3)`; step = slice, `zero_grad`, forward, backward, `step`, `loss.item()`. "
      "Inference under `torch.no_grad()`.")
    w("- The three stacks run in two warm processes (JVM, Python), asked in turn; per round the order of the stacks "
      "rotates. Every request builds a fresh model (warm-up steps absorb first-touch costs). Median over all timed "
      "steps; \"spread\" is the lowest and highest per-round median.")
    w("- GFLOP/s: forward FLOPs per step = sum over layers of 2 x gates x H x (I + H) x B x T (gates: LSTM 4, GRU 3, "
      "RNN 1; I = F for the first layer, H after) + 2 x H x B for the head; a training step counts 3x the forward "
      "(backward = 2x forward). Divided by the median step time.")
    w("")
    # SGEMM
    sg = {s: summarize(comp["sgemm"][s]) for s in ("djl", "pytorch")}
    best = {s: min(x for r in comp["sgemm"][s] for x in r) for s in sg}
    n = mode["sgemm_n"]
    gf = {s: 2 * n ** 3 / (sg[s]["median"] / 1e3) / 1e9 for s in sg}
    gbest = {s: 2 * n ** 3 / (best[s] / 1e3) / 1e9 for s in sg}
    peak = max(gbest.values())
    w("## Single-precision matrix multiply (%dx%d)" % (n, n))
    w("")
    w("| Engine | median ms | median GFLOP/s | best ms | best GFLOP/s |")
    w("|---|---:|---:|---:|---:|")
    w("| libtorch %s via DJL `matMul` | %s | %s | %s | %s |" % (info["libtorch"], fmt(sg["djl"]["median"], 2), fmt(gf["djl"]),
                                                          fmt(best["djl"], 2), fmt(gbest["djl"])))
    w("| Debian torch `torch.matmul` | %s | %s | %s | %s |" % (fmt(sg["pytorch"]["median"], 2), fmt(gf["pytorch"]),
                                                          fmt(best["pytorch"], 2), fmt(gbest["pytorch"])))
    w("")
    w("The machine's measured SGEMM rate, used for the percentages below, is the best of all products of both engines: "
      "**%.1f GFLOP/s** with %d threads (best, not median: it is a peak, and a busy neighbour only ever lowers it). "
      "A recurrent step can exceed it: oneDNN's LSTM multiplies the inputs of all time steps in one larger GEMM." % (peak, info["threads"]))
    w("")
    # Training
    w("## Training step (forward, backward, optimizer)")
    w("")
    w("| Config | Cell | B | T | F | H | L | DSL ms | DJL ms | PyTorch ms | DSL/DJL | DSL/PyTorch | DJL/PyTorch "
      "| DSL GFLOP/s (% SGEMM) | PyTorch GFLOP/s (% SGEMM) |")
    w("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    summary = {}
    for key, cfg in CONFIGS:
        s = {st: summarize(comp["train"][key][st]) for st in STACKS}
        summary[key] = s
        fl = train_flops(cfg)
        g = {st: fl / (s[st]["median"] / 1e3) / 1e9 for st in STACKS}

        def cell(st):
            return "%s (%s-%s)" % (fmt(s[st]["median"]), fmt(s[st]["lo"]), fmt(s[st]["hi"]))

        w("| (%s) | %s | %d | %d | %d | %d | %d | %s | %s | %s | %.3f | %.3f | %.3f | %s (%.0f%%) | %s (%.0f%%) |" % (
            key, CELL_NAME[cfg["cell"]], cfg["B"], cfg["T"], cfg["F"], cfg["H"], cfg["L"], cell("dsl"), cell("djl"), cell("pytorch"),
            s["dsl"]["median"] / s["djl"]["median"], s["dsl"]["median"] / s["pytorch"]["median"],
            s["djl"]["median"] / s["pytorch"]["median"], fmt(g["dsl"]), 100 * g["dsl"] / peak, fmt(g["pytorch"]),
            100 * g["pytorch"] / peak))
    w("")
    w("Times are medians, with the spread of per-round medians in parentheses. GFLOP/s by the formula above "
      "(DJL's is DJL/DSL times the DSL's).")
    w("")
    # The stacks of one round run within seconds of each other, so a round's ratio pairs them in
    # the same state of the machine; the spread of those ratios is the uncertainty of the median's.
    w("DSL/PyTorch round by round (each round's median step of the DSL over PyTorch's, in round order):")
    w("")
    w("| Config | per round | lowest-highest |")
    w("|---|---|--:|")
    for key, cfg in CONFIGS:
        ratios = [median(d) / median(p) for d, p in zip(comp["train"][key]["dsl"], comp["train"][key]["pytorch"]) if d and p]
        if ratios:
            w("| (%s) %s | %s | %.2f-%.2f |" % (key, CELL_NAME[cfg["cell"]], " ".join("%.2f" % r for r in ratios), min(ratios), max(ratios)))
    w("")
    w("### Process CPU time per training step")
    w("")
    w("The same steps on a second clock: CPU time of the whole process (all threads) over the timed steps of a request, "
      "divided by the steps; median over rounds. Other processes on a shared machine stretch wall time far more than CPU "
      "time, so on a busy machine these ratios are the steadier ones (Java's process clock ticks in 10 ms, so short "
      "requests are coarse). The targets below are judged on wall time.")
    w("")
    w("| Config | DSL ms | DJL ms | PyTorch ms | DSL/DJL | DSL/PyTorch |")
    w("|---|--:|--:|--:|--:|--:|")
    for key, cfg in CONFIGS:
        cm = {st: median(comp["train_cpu"][key][st]) for st in STACKS}
        w("| (%s) %s | %s | %s | %s | %.3f | %.3f |" % (key, CELL_NAME[cfg["cell"]], fmt(cm["dsl"]), fmt(cm["djl"]), fmt(cm["pytorch"]),
                                                   cm["dsl"] / cm["djl"], cm["dsl"] / cm["pytorch"]))
    cm = {st: median(comp["infer_cpu"][st]) for st in STACKS}
    w("| (a) inference | %s | %s | %s | %.3f | %.3f |" % (fmt(cm["dsl"], 2), fmt(cm["djl"], 2), fmt(cm["pytorch"], 2),
                                                      cm["dsl"] / cm["djl"], cm["dsl"] / cm["pytorch"]))
    w("")
    inf = {st: summarize(comp["infer"][st]) for st in STACKS}
    cfg_a = CONFIGS[0][1]
    fa = forward_flops(cfg_a)
    w("## Inference, configuration (a) (LSTM B=64 T=50 F=1 H=128 L=2, forward only)")
    w("")
    w("| Stack | median ms (spread) | GFLOP/s | % SGEMM |")
    w("|---|--:|--:|--:|")
    for st, label in (("dsl", "DSL `Run.predictRaw`"), ("djl", "hand-written DJL"), ("pytorch", "PyTorch `no_grad`")):
        g = fa / (inf[st]["median"] / 1e3) / 1e9
        w("| %s | %s (%s-%s) | %s | %.0f%% |" % (label, fmt(inf[st]["median"], 2), fmt(inf[st]["lo"], 2), fmt(inf[st]["hi"], 2),
                                               fmt(g), 100 * g / peak))
    w("")
    w("Ratios: DSL/DJL %.3f, DSL/PyTorch %.3f." % (inf["dsl"]["median"] / inf["djl"]["median"],
                                                  inf["dsl"]["median"] / inf["pytorch"]["median"]))
    w("")
    # Memory
    w("## Memory: repeated training runs in one engine")
    w("")
    if mem:
        w("A fresh JVM, started as the kernel's (its kernelspec's JVM options `%s`, default heap settings, the native "
          "environment), trains the same small experiment (LSTM 2x64, B=32, T=50, 20 batches, 2 epochs) "
          "20 times, each run replacing the previous one in a variable, as a re-run notebook cell does; a second fresh JVM "
          "does the same but closes each run before the next." % (" ".join(mem.get("jvm_options", [])) or "none"))
        w("")
        w("| Runs | engine loaded | 1 run | 5 | 10 | 15 | 20 runs | growth 1 to 20 | heap used / committed at 20 | after full GC: heap used, VmRSS |")
        w("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for k, label in (("open", "left to the GC (notebook re-run)"), ("closed", "each closed before the next")):
            m = mem[k]
            w("| %s | %s | %s | %s | %s | %s | %s | **%s** | %s / %s | %s, %s |" % (
                label, fmt(m["0"]), fmt(m["1"]), fmt(m.get("5")), fmt(m["10"]), fmt(m.get("15")), fmt(m["20"]),
                fmt(m["20"] - m["1"]), fmt(m.get("heapUsedMiB")), fmt(m.get("heapCommittedMiB")), fmt(m.get("heapUsedAfterGcMiB")),
                fmt(m.get("rssAfterGcMiB"))))
        w("")
        w("VmRSS in MiB. The target is judged on the first row.")
    else:
        w("Not measured in this run.")
    w("")
    # Kernel
    w("## Kernel: start and trivial cell round trip (jupyter_client, /usr/bin/python3)")
    w("")
    if kernel and kernel.get("rows"):
        w(kernel["method"])
        w("")
        longs = {r["name"]: r for r in kernel.get("long", [])}
        w("| Kernel | start to kernel_info reply, median s | start to first `1+1` result, median s | start to first training cell result, s |")
        w("|---|--:|--:|--:|")
        for row in kernel["rows"]:
            w("| %s | %s | %s | %s |" % (row["name"], fmt(row["start_s"], 2), fmt(row.get("first_s"), 2),
                                         fmt(longs.get(row["name"], {}).get("train_s"), 2)))
        w("")
        w("`1+1` round trip, ms (median / p95):")
        w("")
        w("| Kernel | at once after the first result | after a pause | warm |")
        w("|---|--:|--:|--:|")
        for row in kernel["rows"]:
            w("| %s | %s / %s | %s / %s | %s / %s |" % (row["name"], fmt(row["rt_median_ms"], 2), fmt(row["rt_p95_ms"], 2),
                                                      fmt(row.get("paused_median_ms"), 2), fmt(row.get("paused_p95_ms"), 2),
                                                      fmt(row.get("warm_median_ms"), 2), fmt(row.get("warm_p95_ms"), 2)))
        if kernel.get("long"):
            n = kernel["long"][0]["cells"]
            w("")
            w("### %s cells with new variable names" % format(n, ","))
            w("")
            w(kernel["long_method"])
            w("")
            w("| Kernel | first 100 cells, median ms | last 100 cells, median ms | last / first | VmRSS before, MiB | after, MiB | growth, MiB |")
            w("|---|--:|--:|--:|--:|--:|--:|")
            for r in kernel["long"]:
                g = (r["rss1_mib"] - r["rss0_mib"]) if r.get("rss0_mib") is not None and r.get("rss1_mib") is not None else None
                w("| %s | %s | %s | %s | %s | %s | %s |" % (r["name"], fmt(r["first100_ms"], 2), fmt(r["last100_ms"], 2), fmt(r["ratio"], 2),
                                                          fmt(r.get("rss0_mib"), 0), fmt(r.get("rss1_mib"), 0), fmt(g, 1)))
    else:
        w("Not measured in this run%s." % ((": " + kernel["reason"]) if kernel and kernel.get("reason") else ""))
    if kernel and kernel.get("jshell"):
        j = kernel["jshell"]
        w("")
        w("For scale, JShell alone (`JShellProbe`: a local-execution `JShell` in a fresh JVM on the benchmark's class path, "
          "`1+1` after 20 untimed evaluations, no kernel, no messaging): median %s ms (p95 %s) without imports, median %s ms "
          "(p95 %s) with the kernel's default imports." % (fmt(j["noImportsMedianMs"], 2), fmt(j["noImportsP95Ms"], 2),
                                                           fmt(j["kernelImportsMedianMs"], 2), fmt(j["kernelImportsP95Ms"], 2)))
    w("")
    w("## Headless runner: 10-cell trivial notebook end to end")
    w("")
    if runner and runner.get("rows"):
        w(runner["method"])
        w("")
        w("| Runner | median s (of %d) |" % runner["runs"])
        w("|---|--:|")
        for row in runner["rows"]:
            w("| %s | %s |" % (row["name"], fmt(row["median_s"], 2)))
    else:
        w("Not measured in this run%s." % ((": " + runner["reason"]) if runner and runner.get("reason") else ""))
    w("")
    # Targets
    w("## Targets")
    w("")
    w("| Target | Measured | Verdict |")
    w("|---|---|---|")
    for key, cfg in CONFIGS:
        r = summary[key]["dsl"]["median"] / summary[key]["djl"]["median"]
        w("| (%s) %s: DSL at most 1.03x hand-written DJL | %.3f | %s |" % (key, CELL_NAME[cfg["cell"]], r, verdict(r <= 1.03)))
    r = inf["dsl"]["median"] / inf["djl"]["median"]
    w("| (a) inference: DSL at most 1.03x hand-written DJL | %.3f | %s |" % (r, verdict(r <= 1.03)))
    for key, cfg in CONFIGS:
        lim = 1.1 if cfg["cell"] == "rnn" else 1.0
        r = summary[key]["dsl"]["median"] / summary[key]["pytorch"]["median"]
        w("| (%s) %s training: DSL at most %.1fx PyTorch | %.3f | %s |" % (key, CELL_NAME[cfg["cell"]], lim, r, verdict(r <= lim)))
    if kernel and kernel.get("rows"):
        ours = kernel["rows"][0]
        w("| Kernel ready in at most 1 s | %.2f s | %s |" % (ours["start_s"], verdict(ours["start_s"] <= 1.0)))
        w("| Start to first `1+1` result at most 1.0 s | %.2f s | %s |" % (ours["first_s"], verdict(ours["first_s"] <= 1.0)))
        for key, when in (("rt", "at once after the first result"), ("paused", "after a pause"), ("warm", "warm")):
            med, p95 = ours.get(key + "_median_ms"), ours.get(key + "_p95_ms")
            if med is None:
                continue
            w("| Trivial cell round trip at most 10 ms median (%s) | %.2f ms | %s |" % (when, med, verdict(med <= 10)))
            w("| Trivial cell round trip p95 at most 20 ms (%s) | %.2f ms | %s |" % (when, p95, verdict(p95 <= 20)))
        if kernel.get("long"):
            lg = kernel["long"][0]
            w("| %s cells with new names: last 100 within 1.2x the first 100 | %.2fx | %s |" % (format(lg["cells"], ","), lg["ratio"],
                                                                                                verdict(lg["ratio"] <= 1.2)))
            if lg.get("rss0_mib") is not None and lg.get("rss1_mib") is not None:
                g = lg["rss1_mib"] - lg["rss0_mib"]
                w("| %s cells with new names grow RSS by at most 50 MB | %.1f MiB | %s |" % (format(lg["cells"], ","), g,
                                                                                            verdict(g * 1.048576 <= 50)))
    else:
        w("| Kernel ready in at most 1 s | not measured | - |")
        w("| Trivial cell round trip at most 10 ms median | not measured | - |")
    if mem:
        g = mem["open"]["20"] - mem["open"]["1"]
        w("| 20 repeated runs grow RSS by at most 50 MB | %.1f MiB | %s |" % (g, verdict(g * 1.048576 <= 50)))
    w("")
    if analysis:
        w(analysis.rstrip())
        w("")
    tmp = path + ".tmp"
    with open(tmp, "w") as fh:
        fh.write("\n".join(lines))
    os.replace(tmp, path)


def append_sweep(path, sweep):
    """The sweep rows (bench/sweep_latency.py) at the end of the report."""
    import sweep_latency
    with open(path, "a") as fh:
        fh.write("\n".join(sweep_latency.render(sweep)) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--classpath", default="")
    ap.add_argument("--render", action="store_true",
                    help="rewrite BENCHMARKS.md from bench/target/results.json (after editing bench/ANALYSIS.md); measures nothing")
    ap.add_argument("--command", default="bench/run")
    ap.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    ap.add_argument("--skip", default="", help="comma-separated: compute,memory,kernel,runner,sweep (development)")
    ap.add_argument("--configs", default="", help="comma-separated subset of a,b,c,d,e (development; no report is written)")
    args = ap.parse_args()
    if args.configs:
        keep = set(args.configs.split(","))
        CONFIGS[:] = [kc for kc in CONFIGS if kc[0] in keep]
    skip = set(x for x in args.skip.split(",") if x)
    analysis_path = os.path.join(HERE, "ANALYSIS.md")
    if args.render:
        with open(os.path.join(ROOT, "bench", "target", "results.json")) as fh:
            raw = json.load(fh)
        analysis = open(analysis_path).read() if os.path.exists(analysis_path) else ""
        write_report(args.out, raw["info"], raw["mode"], raw.get("command", args.command), raw["compute"], raw["memory"], raw["kernel"],
                     raw["runner"], analysis)
        append_sweep(args.out, raw.get("sweep"))
        log("re-rendered %s from bench/target/results.json" % args.out)
        return
    mode = ({"name": "quick", "rounds": 2, "steps": 5, "warmup": 2, "request_ms": 400, "infer_reps": 20, "sgemm_reps": 5,
             "sgemm_n": 1024}
            if args.quick else
            {"name": "full", "rounds": 5, "steps": 10, "warmup": 3, "request_ms": 1500, "infer_reps": 50, "sgemm_reps": 20,
             "sgemm_n": 1024})
    env = dict(os.environ)
    java_argv = ["java", "-Dai.djl.offline=true", "-Xss4m", "-cp", args.classpath, "dev.seqlab.bench.Worker", "--threads",
                 str(args.threads)]
    os.makedirs(os.path.join(ROOT, "bench", "target"), exist_ok=True)
    # The Java workers start as the seqlab launcher starts SeqLab: with dev.seqlab.runtime.NativeEnv (the OpenMP wait
    # policy, already in env, and glibc's allocator settings). The PyTorch worker keeps glibc's defaults, as Debian
    # runs it: the same allocator settings made its tanh RNN slower (profiling notes, "Page faults").
    java_env = with_native_env(args.classpath, env)
    java = WorkerProcess("java", java_argv, java_env)
    torch_w = WorkerProcess("torch", ["/usr/bin/python3", os.path.join(HERE, "torch_step.py"), "--threads", str(args.threads)], env)
    try:
        java_info = java.ask({"op": "info"})
        torch_info = torch_w.ask({"op": "info"})
        info = machine_info(java_info, torch_info, args.threads)
        info["native_env"] = " ".join("%s=%s" % (k, java_env[k]) for k in sorted(java_env)
                                  if k.startswith(("MALLOC_", "ONEDNN_", "GOMP_"))) or "glibc defaults"
        log("machine: %s, %s cores; %s; Debian torch %s" % (info["cpu"], info["cores"], java_info["engine"], info["debian_torch"]))
        comp = run_compute(java, torch_w, mode) if "compute" not in skip else None
    finally:
        java.close()
        torch_w.close()
    mem = None
    if "memory" not in skip:
        mem = {}
        # "In one engine": the JVM runs as the kernel's does, with the options of its kernelspec.
        engine_opts = engine_jvm_options(log)
        mem_argv = java_argv[:1] + engine_opts + java_argv[1:]
        for close in (False, True):
            log("memory: 20 repeated runs in a fresh JVM%s (%s)" % (", each closed" if close else "", " ".join(engine_opts) or "no options"))
            mw = WorkerProcess("java-memory", mem_argv, java_env)
            try:
                mem["closed" if close else "open"] = mw.ask({"op": "memory", "runs": 20, "close": close})
                mem["jvm_options"] = engine_opts
            finally:
                mw.close()
    kernel = runner = None
    if "kernel" not in skip:
        import kernel_latency
        kernel = kernel_latency.measure(ROOT, args.classpath, quick=args.quick, log=log)
        log("kernel: bare JShell 1+1 in a fresh JVM (no kernel)")
        jw = WorkerProcess("java-jshell", java_argv, java_env)
        try:
            kernel["jshell"] = jw.ask({"op": "jshell", "reps": 50 if args.quick else 200})
        except RuntimeError as e:
            log("jshell probe failed: %s" % e)
        finally:
            jw.close()
    if "runner" not in skip:
        import runner_latency
        runner = runner_latency.measure(ROOT, quick=args.quick, log=log)
    sweep = None
    if "sweep" not in skip:
        import sweep_latency
        sweep = sweep_latency.measure(ROOT, quick=args.quick, log=log)
    analysis = open(analysis_path).read() if os.path.exists(analysis_path) else ""
    raw = {"info": info, "mode": mode, "command": args.command, "compute": comp, "memory": mem, "kernel": kernel, "runner": runner,
           "sweep": sweep}
    with open(os.path.join(ROOT, "bench", "target", "results.json"), "w") as fh:
        json.dump(raw, fh, indent=1)
    if comp is None or args.configs:
        if comp is not None:
            for key, cfg in CONFIGS:
                log("(%s) wall medians %s; cpu medians %s" % (key, {st: round(summarize(comp["train"][key][st])["median"], 2) for st in STACKS},
                                                          {st: round(median(comp["train_cpu"][key][st]), 2) for st in STACKS}))
        log("development run: BENCHMARKS.md not written; raw results in bench/target/results.json")
        return
    write_report(args.out, info, mode, args.command, comp, mem, kernel, runner, analysis)
    append_sweep(args.out, sweep)
    log("wrote %s" % args.out)


if __name__ == "__main__":
    main()
