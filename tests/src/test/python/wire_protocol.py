"""Drives the installed SeqLab kernel through Debian's real jupyter_client (BlockingKernelClient).

Usage: JUPYTER_PATH=<prefix>/share/jupyter python3 wire_protocol.py KERNEL_NAME
Prints one line per check and a JSON line of timings; exits non-zero on the first failure.
"""
import base64
import json
import sys
import time

import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

NAME = sys.argv[1] if len(sys.argv) > 1 else "seqlab"
TIMEOUT = 60
timings = {}


def check(cond, what, detail=""):
    if not cond:
        print(f"FAIL {what}: {detail}", flush=True)
        raise SystemExit(1)
    print(f"ok   {what}", flush=True)


def run(kc, code, timeout=TIMEOUT):
    """Executes code; returns (reply, iopub messages of this request up to idle)."""
    msg_id = kc.execute(code)
    outputs = []
    deadline = time.time() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        outputs.append(msg)
    reply = shell_reply(kc, msg_id, timeout)
    return reply, outputs


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def types(outputs):
    return [m["msg_type"] for m in outputs]


def main():
    km = KernelManager(kernel_name=NAME)
    t0 = time.time()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        timings["start_to_kernel_info_s"] = round(time.time() - t0, 3)

        # kernel_info
        msg_id = kc.kernel_info()
        info = shell_reply(kc, msg_id)["content"]
        check(info["status"] == "ok" and info["language_info"]["name"] == "java"
              and info["implementation"] == "seqlab" and info["banner"] and info["help_links"],
              "kernel_info", info)

        # execute: first cell (engine warm-up), then a trivial round trip
        t = time.time()
        reply, out = run(kc, "6 * 7")
        timings["first_cell_s"] = round(time.time() - t, 3)
        results = [m for m in out if m["msg_type"] == "execute_result"]
        check(reply["content"]["status"] == "ok" and results and results[0]["content"]["data"]["text/plain"] == "42",
              "execute 6 * 7 -> 42", out)
        # Message dates: to the millisecond (basekernel 2.3.0 alone writes whole minutes), in order.
        dates = [m["header"]["date"] for m in out + [reply]]
        check(all(hasattr(d, "microsecond") for d in dates) and any((d.second, d.microsecond) != (0, 0) for d in dates)
              and dates == sorted(dates), "message dates to the millisecond, in order", [str(d) for d in dates])
        rtts = []
        for _ in range(5):
            t = time.time()
            run(kc, "1 + 1")
            rtts.append(time.time() - t)
        timings["trivial_cell_round_trip_ms_median"] = round(sorted(rtts)[2] * 1000, 1)

        # streams
        reply, out = run(kc, 'System.out.println("hello, world");\nSystem.err.println("careful");')
        streams = {m["content"]["name"]: m["content"]["text"] for m in out if m["msg_type"] == "stream"}
        check(streams.get("stdout") == "hello, world\n" and streams.get("stderr") == "careful\n", "stdout and stderr streams", out)

        # display_data with a PNG (XChart)
        reply, out = run(kc, 'var chart = new XYChartBuilder().width(320).height(200).title("squares").build();\n'
                             'chart.addSeries("y", new double[] {1, 2, 3}, new double[] {1, 4, 9});\n'
                             'display(chart);')
        shown = [m for m in out if m["msg_type"] == "display_data"]
        check(reply["content"]["status"] == "ok" and shown and "image/png" in shown[0]["content"]["data"],
              "execute with a PNG display_data", types(out))
        png = base64.b64decode(shown[0]["content"]["data"]["image/png"])
        check(png[:8] == b"\x89PNG\r\n\x1a\n", "display_data image/png is a PNG")
        check("text/plain" in shown[0]["content"]["data"], "display_data has text/plain")

        # update_display_data
        reply, out = run(kc, 'String id = display("one");\nupdateDisplay(id, "two");')
        upd = [m for m in out if m["msg_type"] == "update_display_data"]
        check(upd and upd[0]["content"]["data"]["text/plain"] == "two"
              and upd[0]["content"]["transient"]["display_id"], "update_display_data", types(out))

        # errors
        reply, out = run(kc, "int a = 1;\nString s = 42;")
        check(reply["content"]["status"] == "error" and reply["content"]["ename"] == "CompileError"
              and "line 2" in reply["content"]["evalue"], "compile error names the cell line", reply["content"])

        # complete
        msg_id = kc.complete('"abc".subs', 10)
        c = shell_reply(kc, msg_id)["content"]
        check(c["status"] == "ok" and "substring(" in c["matches"] and c["cursor_start"] == 6 and c["cursor_end"] == 10,
              "complete", c)

        # inspect
        msg_id = kc.inspect("Math.max", 8)
        c = shell_reply(kc, msg_id)["content"]
        check(c["status"] == "ok" and c["found"] and "Math.max(int a, int b)" in c["data"]["text/plain"], "inspect", c)

        # is_complete
        for code, status in [("int x = 1;", "complete"), ("for (int i = 0; i < 3; i++) {", "incomplete"),
                             ("int x = ;", "invalid")]:
            msg_id = kc.is_complete(code)
            c = shell_reply(kc, msg_id)["content"]
            check(c["status"] == status, f"is_complete {code!r} -> {status}", c)
            if status == "incomplete":
                check(c.get("indent") == "    ", "is_complete gives an indent", c)

        # history
        msg_id = kc.history(hist_access_type="tail", n=2, output=False, raw=True)
        h = shell_reply(kc, msg_id)["content"]
        check(h["status"] == "ok" and len(h["history"]) == 2 and h["history"][-1][2] == "int a = 1;\nString s = 42;",
              "history tail", h)
        session, start = h["history"][0][0], h["history"][0][1]
        msg_id = kc.history(hist_access_type="range", session=session, start=start, stop=start + 1, output=True, raw=True)
        h = shell_reply(kc, msg_id)["content"]
        check(len(h["history"]) == 1 and h["history"][0][1] == start and len(h["history"][0][2]) == 2, "history range", h)
        msg_id = kc.history(hist_access_type="search", pattern="6 ?*", n=10, output=False, raw=True, unique=True)
        h = shell_reply(kc, msg_id)["content"]
        check([e[2] for e in h["history"]] == ["6 * 7"], "history search", h)

        # interrupt a tight loop
        msg_id = kc.execute("long spins = 0;\nwhile (true) { spins++; }")
        time.sleep(1.0)
        t = time.time()
        km.interrupt_kernel()
        reply = shell_reply(kc, msg_id, timeout=10)
        timings["interrupt_to_reply_s"] = round(time.time() - t, 3)
        check(reply["content"]["status"] == "error" and reply["content"]["ename"] == "InterruptedException",
              "interrupt stops while (true)", reply["content"])
        check(timings["interrupt_to_reply_s"] < 1.0, "interrupt within a second", timings)
        reply, out = run(kc, "spins > 0")
        check(reply["content"]["status"] == "ok", "kernel usable after interrupt", reply["content"])

        # badly signed and unsigned messages are dropped
        sock = kc.connect_shell()
        for key in (b"not-the-key", b""):
            bad = Session(key=key, username="intruder")
            bad.send(sock, "execute_request", {"code": 'String pwned = "yes"; System.out.println("PWNED");',
                                               "silent": False, "store_history": True, "user_expressions": {},
                                               "allow_stdin": False, "stop_on_error": True})
        poller = zmq.Poller()
        poller.register(sock, zmq.POLLIN)
        got = dict(poller.poll(1500))
        check(sock not in got, "no reply to badly signed or unsigned messages")
        sock.close(linger=0)
        msg_id = kc.kernel_info()
        check(shell_reply(kc, msg_id, timeout=10)["content"]["status"] == "ok", "kernel still answers after bad messages")
        reply, out = run(kc, "pwned")
        check(reply["content"]["status"] == "error", "the badly signed code did not run", reply["content"])
        while True:
            try:
                m = kc.get_iopub_msg(timeout=0.2)
            except Exception:
                break
            check("PWNED" not in json.dumps(m.get("content", {})), "no output from the badly signed code")

        # restart: a fresh session that works and has forgotten the old one
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=TIMEOUT)
        reply, out = run(kc, "spins")
        check(reply["content"]["status"] == "error", "restart forgets the old session", reply["content"])
        reply, out = run(kc, "2 + 3")
        results = [m for m in out if m["msg_type"] == "execute_result"]
        check(results and results[0]["content"]["data"]["text/plain"] == "5", "kernel works after restart", out)

        # shutdown
        t = time.time()
        km.shutdown_kernel(now=False)
        timings["shutdown_s"] = round(time.time() - t, 3)
        check(not km.is_alive(), "shutdown")
    finally:
        kc.stop_channels()
        if km.has_kernel and km.is_alive():
            km.shutdown_kernel(now=True)
    print("TIMINGS " + json.dumps(timings), flush=True)


if __name__ == "__main__":
    main()
