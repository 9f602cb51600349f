"""Kernel probe for profiling (not part of the record): fresh SeqLab kernels, started as the
benchmark starts them, with one JVM setting changed per variant, alternating.

    /usr/bin/python3 bench/kernel_probe.py --starts 3 --pause 5 --more 100 \
        --variant '' --variant '-XX:CompileThresholdScaling=0.2'

Per start it prints: start to kernel_info reply, start to the first `1+1` result, then (after
`--pause` seconds of idle) the median and p95 of 30 `1+1` round trips and each of them in ms, and
with `--more N` the median and p95 of the next N. A variant is passed to the kernel's JVM in
JDK_JAVA_OPTIONS (the empty variant is the kernel as installed). Needs the kernel built
(kernel/target) and python3-jupyter-client; uses the helpers of kernel_latency.py.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_latency as kl  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--starts", type=int, default=3, help="starts per variant")
    ap.add_argument("--pause", type=float, default=0.0, help="seconds of idle after the first result")
    ap.add_argument("--more", type=int, default=0, help="further timed cells after the 30")
    ap.add_argument("--variant", action="append", help="JVM options for JDK_JAVA_OPTIONS (repeatable; '' = as installed)")
    args = ap.parse_args()
    variants = args.variant or [""]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    prefix = tempfile.mkdtemp(prefix="seqlab-probe-")
    try:
        err = kl._install(root, prefix, print)
        if err:
            sys.exit("kernel_probe: " + err)
        env = dict(os.environ)
        env["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
        env["JUPYTER_RUNTIME_DIR"] = os.path.join(prefix, "runtime")
        os.environ.update({k: env[k] for k in ("JUPYTER_PATH", "JUPYTER_RUNTIME_DIR")})
        from jupyter_client.manager import KernelManager
        for rep in range(args.starts):
            for var in variants:
                e = dict(env)
                if var:
                    e["JDK_JAVA_OPTIONS"] = var
                km = KernelManager(kernel_name=kl.NAME)
                t0 = time.perf_counter()
                km.start_kernel(env=e)
                kc = km.client()
                kc.start_channels()
                try:
                    kl._wait_reply(kc, kc.kernel_info(), 120)
                    start = time.perf_counter() - t0
                    kl._wait_reply(kc, kc.execute("1+1", store_history=False), 120)
                    first = time.perf_counter() - t0
                    time.sleep(args.pause)
                    for _ in range(20):
                        try:
                            kl._round_trip(kc, timeout=2)
                            break
                        except Exception:
                            pass
                    for _ in range(2):
                        kl._round_trip(kc)
                    rts = [kl._round_trip(kc) for _ in range(30)]
                    line = "%-40s start %.2f s, first result %.2f s, 30 cells median %.1f ms p95 %.1f" % (
                        repr(var), start, first, statistics.median(rts), kl._p95(rts))
                    if args.more:
                        more = [kl._round_trip(kc) for _ in range(args.more)]
                        line += "; next %d median %.1f p95 %.1f" % (args.more, statistics.median(more), kl._p95(more))
                    print(line, flush=True)
                    print("    " + " ".join("%.0f" % r for r in rts), flush=True)
                finally:
                    kc.stop_channels()
                    km.shutdown_kernel(now=False)  # lets a JFR recording be written on exit
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


if __name__ == "__main__":
    main()
