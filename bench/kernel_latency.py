"""Kernel rows of the benchmark: start-up and trivial cell round trip through jupyter_client.

Both kernels are started by jupyter_client's KernelManager from their kernelspecs, in the same
process and environment (OMP_WAIT_POLICY and thread counts as set by bench/run):

- SeqLab: `dev.seqlab.cli.Main install --prefix TMP --name seqlab-bench` writes a kernelspec
  into a temporary prefix (as the end-to-end tests do) found through JUPYTER_PATH;
- Debian's ipykernel: the `python3` kernelspec of /usr/share/jupyter (/usr/bin/python3).

Start: from KernelManager.start_kernel to the first kernel_info_reply (the request is queued
before the kernel binds its sockets, so it is answered as soon as the kernel can). Round trip:
`1+1` executed, until both the execute_reply and the kernel's return to idle have arrived.
The kernels alternate: for each start repetition, SeqLab then ipykernel (order flipped on odd
repetitions); round trips are measured on every started kernel after untimed ones.
"""
import os
import shutil
import statistics
import subprocess
import tempfile
import time

NAME = "seqlab-bench"


def _install(root, prefix, log):
    jar = os.path.join(root, "kernel", "target", "seqlab-kernel-0.1.0-SNAPSHOT.jar")
    lib = os.path.join(root, "kernel", "target", "lib")
    if not os.path.isfile(jar) or not os.path.isdir(lib):
        return "the kernel jar or its lib/ folder is missing (kernel/target)"
    cmd = ["java", "-cp", jar + ":" + lib + "/*", "dev.seqlab.cli.Main", "install", "--prefix", prefix, "--name", NAME]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if res.returncode != 0:
        return "`seqlab install` failed: " + (res.stderr or res.stdout).strip().splitlines()[-1:][0] if (res.stderr or res.stdout) else "exit %d" % res.returncode
    log("kernel: installed kernelspec %s under %s" % (NAME, prefix))
    return None


def _wait_reply(kc, msg_id, timeout):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def _round_trip(kc, timeout=60, code="1+1"):
    """Executes a cell (1+1); returns ms until the reply and the idle status (read in turn: both queue up) have arrived."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code, store_history=False)
    reply = _wait_reply(kc, msg_id, timeout)
    if reply["content"].get("status") != "ok":
        raise RuntimeError("%s failed: %s" % (code, reply["content"]))
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return (time.perf_counter() - t0) * 1e3


# The first training cell of a fresh kernel, in each language: the DSL's quick start on the air
# passengers series (2 epochs) and, for ipykernel, the same windows, scaling, LSTM(8) and Adam in
# Debian's torch. Its value (the run; the last loss) is shown.
def _train_cell(kernel_name, root):
    csv_path = os.path.join(root, "datasets", "airpassengers.csv")
    if kernel_name == NAME:
        return ('Series s = Series.csv("%s", "passengers_thousands").windows(12).horizon(1).scale(Scaling.STANDARD).split(0.7, 0.15);\n'
                'Run r = Experiment.of(Stack.lstm(8), s).adam(1e-2).epochs(2).batch(16).seed(1).train();\nr' % csv_path)
    return ("import csv, torch\n"
            "v = torch.tensor([float(x['passengers_thousands']) for x in csv.DictReader(open(%r))])\n"
            "n = int(0.7 * (len(v) - 12)); m, sd = v[:n + 12].mean(), v[:n + 12].std(); z = (v - m) / sd\n"
            "X = torch.stack([z[i:i + 12] for i in range(n)]).unsqueeze(-1); Y = z[12:12 + n].unsqueeze(-1)\n"
            "torch.manual_seed(1); lstm = torch.nn.LSTM(1, 8, batch_first=True); head = torch.nn.Linear(8, 1)\n"
            "opt = torch.optim.Adam(list(lstm.parameters()) + list(head.parameters()), 1e-2)\n"
            "for epoch in range(2):\n"
            "    for b in range(0, n, 16):\n"
            "        opt.zero_grad(); out, _ = lstm(X[b:b + 16]); loss = torch.nn.functional.mse_loss(head(out[:, -1]), Y[b:b + 16])\n"
            "        loss.backward(); opt.step()\n"
            "loss.item()" % csv_path)


def _rss_mib(km):
    try:
        with open("/proc/%d/status" % km.provisioner.process.pid) as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except (OSError, AttributeError):
        pass
    return None


def _long(kernel_name, env, root, cells, log):
    """A fresh kernel: start to the first training cell's result, then `cells` cells that each
    define a new variable (`int vN = N;` / `vN = N`), each timed like a `1+1` round trip."""
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel(env=env)
    kc = km.client()
    kc.start_channels()
    try:
        _wait_reply(kc, kc.kernel_info(), 120)
        reply = _wait_reply(kc, kc.execute(_train_cell(kernel_name, root), store_history=False), 300)
        train_s = time.perf_counter() - t0
        if reply["content"].get("status") != "ok":
            raise RuntimeError("the training cell failed: %s" % reply["content"].get("evalue"))
        for _ in range(20):
            try:
                _round_trip(kc, timeout=2)
                break
            except Exception:
                pass
        for _ in range(2):
            _round_trip(kc)
        rss0 = _rss_mib(km)
        java = kernel_name == NAME
        rts = [_round_trip(kc, code=("int v%d = %d;" if java else "v%d = %d") % (i, i)) for i in range(cells)]
        rss1 = _rss_mib(km)
        return train_s, rts, rss0, rss1
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


# A user reads and types between opening a notebook and running it: the "after a pause" cells
# come this long after the first result. The warm cells come after this many cells in all.
PAUSE_S = 5.0
WARM_AFTER = 300


def _one(kernel_name, env, cells, log, pause_s=0.0):
    """A fresh kernel: start, first result, then `cells` timed cells at once (or after a pause of
    pause_s seconds), then untimed cells up to WARM_AFTER and `cells` timed warm ones (not after a pause)."""
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel(env=env)
    kc = km.client()
    kc.start_channels()
    try:
        msg_id = kc.kernel_info()
        _wait_reply(kc, msg_id, 120)
        start = time.perf_counter() - t0
        first = _wait_reply(kc, kc.execute("1+1", store_history=False), 120)
        first_result = time.perf_counter() - t0
        if first["content"].get("status") != "ok":
            raise RuntimeError("the first 1+1 failed: %s" % first["content"])
        time.sleep(pause_s)
        # IOPub is a SUB socket: it may miss the first messages (slow joiner). Untimed cells until
        # one idle status arrives, then 2 more.
        done = 1
        for _ in range(20):
            done += 1
            try:
                _round_trip(kc, timeout=2)
                break
            except Exception:
                pass
        for _ in range(2):
            _round_trip(kc)
        done += 2
        rts = [_round_trip(kc) for _ in range(cells)]
        done += cells
        if pause_s:
            return start, first_result, rts, []
        for _ in range(max(0, WARM_AFTER - done)):
            _round_trip(kc)
        warm = [_round_trip(kc) for _ in range(cells)]
        return start, first_result, rts, warm
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def measure(root, classpath, quick=False, log=print):
    try:
        import jupyter_client  # noqa: F401
    except ImportError:
        return {"reason": "jupyter_client is not importable from /usr/bin/python3"}
    prefix = tempfile.mkdtemp(prefix="seqlab-bench-jupyter-")
    try:
        err = _install(root, prefix, log)
        if err:
            return {"reason": err}
        env = dict(os.environ)
        env["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
        env["JUPYTER_RUNTIME_DIR"] = os.path.join(prefix, "runtime")
        env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
        os.environ.update({k: env[k] for k in ("JUPYTER_PATH", "JUPYTER_RUNTIME_DIR", "PYDEVD_DISABLE_FILE_VALIDATION")})
        starts_n, cells = (2, 10) if quick else (5, 30)
        kernels = [("SeqLab kernel (`seqlab kernel`)", NAME), ("Debian ipykernel %s" % _ipykernel_version(), "python3")]
        data = {k: {"starts": [], "firsts": [], "rts": [], "warm": [], "paused": []} for _, k in kernels}
        for rep in range(starts_n):
            order = kernels if rep % 2 == 0 else kernels[::-1]
            for label, k in order:
                start, first, rts, warm = _one(k, env, cells, log)
                data[k]["starts"].append(start)
                data[k]["firsts"].append(first)
                data[k]["rts"].extend(rts)
                data[k]["warm"].extend(warm)
                log("kernel %d/%d: %s start %.2f s, first result %.2f s, 1+1 median %.2f ms, warm %.2f ms" % (
                    rep + 1, starts_n, k, start, first, statistics.median(rts), statistics.median(warm)))
        paused_n = 1 if quick else 3
        for rep in range(paused_n):
            order = kernels if rep % 2 == 0 else kernels[::-1]
            for label, k in order:
                _, _, rts, _ = _one(k, env, cells, log, pause_s=PAUSE_S)
                data[k]["paused"].extend(rts)
                log("kernel pause %d/%d: %s 1+1 median %.2f ms after %.0f s idle" % (rep + 1, paused_n, k, statistics.median(rts), PAUSE_S))
        long_cells = 200 if quick else 1000
        long_rows = []
        for label, k in kernels:
            train_s, rts, rss0, rss1 = _long(k, env, root, long_cells, log)
            first, last = statistics.median(rts[:100]), statistics.median(rts[-100:])
            long_rows.append({"name": label, "train_s": train_s, "first100_ms": first, "last100_ms": last, "ratio": last / first,
                              "rss0_mib": rss0, "rss1_mib": rss1, "cells": long_cells})
            log("kernel: %s first training cell %.2f s after start; %d cells with new names: first 100 median %.2f ms, last 100 %.2f ms "
                "(%.2fx), RSS %s -> %s MiB" % (k, train_s, long_cells, first, last, last / first, rss0, rss1))
        rows = []
        for label, k in kernels:
            d = data[k]
            rows.append({"name": label, "start_s": statistics.median(d["starts"]),
                         "first_s": statistics.median(d["firsts"]),
                         "rt_median_ms": statistics.median(d["rts"]), "rt_p95_ms": _p95(d["rts"]),
                         "paused_median_ms": statistics.median(d["paused"]), "paused_p95_ms": _p95(d["paused"]),
                         "warm_median_ms": statistics.median(d["warm"]), "warm_p95_ms": _p95(d["warm"]),
                         "starts": d["starts"]})
        method = ("Each kernel started %d times from its kernelspec by `jupyter_client.KernelManager` (SeqLab's installed "
                  "with `seqlab install --prefix` into a temporary JUPYTER_PATH), alternating; start = `start_kernel` to the "
                  "first `kernel_info_reply`; first result = `start_kernel` to the `execute_reply` of the first `1+1` (sent right after that reply); then %d timed `1+1` cells per start after untimed ones (until IOPub delivers, then 2), each until `execute_reply` "
                  "and the kernel's `idle` status have arrived (\"at once\"); then untimed cells up to the %dth and %d timed \"warm\" cells. "
                  "Median start; median and p95 round trip over all cells. \"After a pause\": %d more starts of each kernel, alternating, "
                  "that wait %.0f s after the first result (as a user reads the notebook before running it), then time %d cells as above."
                  % (starts_n, cells, WARM_AFTER, cells, paused_n, PAUSE_S, cells))
        long_method = ("Per kernel, one more fresh start: start to the result of a first training cell (SeqLab: the DSL's quick start, "
                       "`Series.csv` of the air passengers, windows of 12, `Experiment.of(Stack.lstm(8), s)...epochs(2).batch(16).train()`, "
                       "the run as its value; ipykernel: the same windows, scaling, `nn.LSTM(1, 8)`, Adam and 2 epochs in Debian's torch), "
                       "then %d cells that each define a new variable (`int vN = N;`, in Python `vN = N`), each timed as the `1+1` round "
                       "trip above; resident memory (VmRSS of the kernel process) after the untimed cells and after the last." % long_cells)
        return {"rows": rows, "method": method, "long": long_rows, "long_method": long_method}
    except Exception as e:
        log("kernel: failed: %r" % e)
        return {"reason": "the measurement failed: %r" % e}
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


def _ipykernel_version():
    try:
        import ipykernel
        return ipykernel.__version__
    except ImportError:
        return "?"
