"""Raw-ZeroMQ reliability probes of a running SeqLab kernel (pyzmq on libzmq, as Jupyter clients are).

Usage: python3 reliability.py MODE CONNECTION_FILE [ARGS]
  fuzz        malformed, badly signed and huge multipart messages on the shell and control sockets;
              after each one another peer's ordinary request must get its own reply, the sender of
              the malformed message nothing; nothing the intruder sent may run.
  shutdown [busy]  waits for kernel_info, runs a cell (with busy: then starts a loop that swallows
              Throwable), asks the kernel to shut down (control socket) and prints the seconds until
              the reply; the caller checks that the process ends.
  exit        System.exit / Runtime.exit / Runtime.halt in cells: refused, the kernel lives on.
  interrupt N interrupt stress: N interrupts of running cells (tight loops, sleeping loops, loops that
              swallow Throwable, and cells still compiling); each must end with a reply and the kernel
              must answer the next cell.
Prints one line per check ("ok ..." or "FAIL ...") and exits 1 when any check failed.
"""
import datetime
import hashlib
import hmac
import json
import sys
import time
import uuid

import zmq

MODE, CONN = sys.argv[1], json.load(open(sys.argv[2]))
KEY = CONN["key"].encode()
CTX = zmq.Context()
DELIM = b"<IDS|MSG>"
SESSION = str(uuid.uuid4())
failures = []


def check(cond, what, detail=""):
    print(("ok   " if cond else "FAIL ") + what + ("" if cond or not detail else ": " + str(detail)[:500]), flush=True)
    if not cond:
        failures.append(what)
    return cond


def sign(*parts):
    h = hmac.new(KEY, digestmod=hashlib.sha256)
    for p in parts:
        h.update(p)
    return h.hexdigest().encode()


def header(msg_type, msg_id=None):
    return json.dumps({"msg_id": msg_id or str(uuid.uuid4()), "username": "reliability", "session": SESSION,
                       "date": datetime.datetime.now(datetime.timezone.utc).isoformat(), "msg_type": msg_type,
                       "version": "5.3"}).encode()


def frames(msg_type, content=None, metadata=b"{}", parent=b"{}"):
    """A well-formed signed message; returns (msg_id, frames without routing identity)."""
    msg_id = str(uuid.uuid4())
    h = header(msg_type, msg_id)
    c = json.dumps(content if content is not None else {}).encode()
    return msg_id, [DELIM, sign(h, parent, metadata, c), h, parent, metadata, c]


def signed(h, content, parent=b"{}", metadata=b"{}"):
    return [DELIM, sign(h, parent, metadata, content), h, parent, metadata, content]


def peer(port_name):
    s = CTX.socket(zmq.DEALER)
    s.linger = 0
    s.identity = ("peer-" + str(uuid.uuid4())).encode()
    s.connect(f"tcp://{CONN['ip']}:{CONN[port_name]}")
    return s


def receive(sock, timeout_s):
    """The next message on sock as (header, parent, content), checked for its signature; None on time-out."""
    if not sock.poll(int(timeout_s * 1000)):
        return None
    f = sock.recv_multipart()
    d = f.index(DELIM)
    if sign(*f[d + 2:d + 6]) != f[d + 1]:
        raise AssertionError("the kernel's message has a wrong signature")
    return json.loads(f[d + 2]), json.loads(f[d + 3]), json.loads(f[d + 5])


def reply_to(sock, msg_id, timeout_s):
    deadline = time.time() + timeout_s
    while True:
        left = deadline - time.time()
        if left <= 0:
            return None
        m = receive(sock, left)
        if m is None:
            return None
        if m[1].get("msg_id") == msg_id:
            return m


def execute_content(code):
    return {"code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}


def execute(sock, code, timeout_s=60):
    msg_id, f = frames("execute_request", execute_content(code))
    sock.send_multipart(f)
    return reply_to(sock, msg_id, timeout_s)


def request(sock, msg_type, content=None, timeout_s=30):
    msg_id, f = frames(msg_type, content)
    sock.send_multipart(f)
    return reply_to(sock, msg_id, timeout_s)


PWN = 'String pwned = "yes";'
HUGE = 16 << 20


def cases():
    def exe():
        return frames("execute_request", execute_content(PWN))[1]

    def with_sig(f, sig):
        f = list(f)
        f[1] = sig
        return f

    yield "one frame, no delimiter", False, [b"hello"]
    yield "empty frame", False, [b""]
    yield "six frames, no delimiter", False, [b"a", b"b", b"c", b"d", b"e", b"f"]
    yield "signed message without its delimiter", False, exe()[1:]
    yield "delimiter only", False, [DELIM]
    yield "delimiter and one frame", False, exe()[:2]
    yield "delimiter and three frames", False, exe()[:4]
    yield "delimiter and four frames (no content)", False, exe()[:5]
    yield "two delimiters", False, [DELIM] + exe()
    yield "wrong signature", False, with_sig(exe(), b"0" * 64)
    yield "empty signature", False, with_sig(exe(), b"")
    f = frames("kernel_info_request")[1]
    f[5] = json.dumps(execute_content(PWN)).encode()
    yield "signature of other content", False, f
    yield "extra identity frames and a wrong signature", False, [b"x", b"y"] + with_sig(exe(), b"f" * 64)
    yield "signed header that is not JSON", False, signed(b"{not json", b"{}")
    yield "signed header without msg_type", False, signed(json.dumps({"msg_id": "m"}).encode(), b"{}")
    yield "signed header of an unknown msg_type", False, signed(header("no_such_request"), b"{}")
    yield "signed header with invalid UTF-8", False, signed(b"{\xc3\x28\xff}", b"{}")
    yield "signed content that is not JSON", False, signed(header("execute_request"), b"code = 1")
    yield "signed content that is a JSON array", False, signed(header("execute_request"), b"[1, 2]")
    yield "signed parent header that is a string (lenient: answered)", True, signed(header("kernel_info_request"), b"{}", parent=b'"p"')
    yield "huge frame (16 MiB), no delimiter", False, [b"\0" * HUGE]
    yield "huge content (16 MiB), wrong signature", False, with_sig(signed(header("execute_request"), b"x" * HUGE), b"1" * 64)
    yield "huge signed kernel_info_request (16 MiB of metadata)", True, \
        signed(header("kernel_info_request"), b"{}", metadata=json.dumps({"junk": "y" * HUGE}).encode())


def fuzz():
    shell = peer("shell_port")
    r = execute(shell, "int warm = 1;", 180)
    check(r is not None and r[2]["status"] == "ok", "kernel answers its first cell", r)
    for port in ("shell_port", "control_port"):
        for name, answered, f in cases():
            intruder, user = peer(port), peer(port)
            try:
                intruder.send_multipart(f)
                r = request(user, "kernel_info_request", timeout_s=20)
                ok = check(r is not None and r[0]["msg_type"] == "kernel_info_reply" and r[2]["status"] == "ok",
                           f"{port[:-5]}: {name}: the next request gets its own reply", r)
                if ok:
                    got = receive(intruder, 20 if answered else 0.3)
                    check((got is not None) == answered,
                          f"{port[:-5]}: {name}: " + ("answered (well-formed)" if answered else "the sender gets nothing"), got)
            finally:
                intruder.close()
                user.close()
    r = execute(shell, "warm + 41")
    check(r is not None and r[2]["status"] == "ok", "the kernel still evaluates after the fuzzing", r)
    r = execute(shell, "pwned")
    check(r is not None and r[2]["status"] == "error", "nothing the intruder sent ran", r)


def shutdown():
    shell, control = peer("shell_port"), peer("control_port")
    r = request(shell, "kernel_info_request", timeout_s=120)
    check(r is not None and r[2]["status"] == "ok", "kernel_info", r)
    r = execute(shell, "int x = 6 * 7;", 180)
    check(r is not None and r[2]["status"] == "ok", "a cell ran", r)
    if len(sys.argv) > 3 and sys.argv[3] == "busy":
        # shut down while a cell that cannot be stopped runs: the process must end all the same
        shell.send_multipart(frames("execute_request", execute_content(SWALLOW))[1])
        time.sleep(0.5)
    t = time.time()
    r = request(control, "shutdown_request", {"restart": False}, timeout_s=30)
    check(r is not None and r[2]["status"] == "ok", "shutdown_reply", r)
    print(f"SHUTDOWN_REPLY_S {time.time() - t:.3f}", flush=True)


SWALLOW = "while (true) { try { Thread.sleep(5); } catch (Throwable t) { } }"
# (what, code, seconds between the kernel's execute_input and the interrupt)
LOOPS = [
    ("tight loop", "long spins = 0;\nwhile (true) { spins++; }", [0.0, 0.05, 0.3, 1.0]),
    ("sleeping loop", "while (true) { Thread.sleep(10); }", [0.0, 0.05, 0.3, 1.0]),
    ("loop that swallows Throwable", SWALLOW, [0.5, 1.0]),
    ("loop in a method declared in the cell", "void spin() { long k = 0; while (true) { k++; } }\nspin();", [0.0, 0.3]),
    ("cell still compiling", "\n".join(f"int v{i} = {i} * 2;" for i in range(60)) + "\nwhile (true) { }", [0.0, 0.02, 0.1]),
]


def iopub():
    s = CTX.socket(zmq.SUB)
    s.linger = 0
    s.setsockopt(zmq.SUBSCRIBE, b"")
    s.connect(f"tcp://{CONN['ip']}:{CONN['iopub_port']}")
    return s


def await_input(sub, msg_id, timeout_s):
    """Waits for the kernel's execute_input of this request: the cell is in flight (what a user sees as busy)."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        m = receive(sub, deadline - time.time())
        if m and m[1].get("msg_id") == msg_id and m[0]["msg_type"] == "execute_input":
            return True
    return False


def interrupt(n):
    """n interrupts; the first one reaches a fresh kernel whose engine is still starting."""
    shell, control, sub = peer("shell_port"), peer("control_port"), iopub()
    r = request(shell, "kernel_info_request", timeout_s=120)
    check(r is not None, "kernel_info", r)
    time.sleep(0.5)  # the IOPub subscription reaches the kernel
    # 1: interrupt right after the first execute request, while the engine still starts.
    msg_id, f = frames("execute_request", execute_content("long first = 0;\nwhile (true) { first++; }"))
    shell.send_multipart(f)
    check(await_input(sub, msg_id, 30), "interrupt 1: execute_input")
    t = time.time()
    request(control, "interrupt_request", {}, timeout_s=30)
    r = reply_to(shell, msg_id, 90)
    check(r is not None and r[2]["status"] == "error", f"interrupt 1 (engine still starting) ends the cell ({time.time() - t:.1f} s)", r)
    r = execute(shell, "int keep = 7;", 60)
    check(r is not None and r[2]["status"] == "ok", "a variable is defined", r)
    for i in range(2, n + 1):
        name, code, delays = LOOPS[(i - 2) % len(LOOPS)]
        delay = delays[(i // len(LOOPS)) % len(delays)]
        msg_id, f = frames("execute_request", execute_content(code))
        shell.send_multipart(f)
        check(await_input(sub, msg_id, 30), f"interrupt {i}: execute_input")
        time.sleep(delay)
        t = time.time()
        request(control, "interrupt_request", {}, timeout_s=30)
        r = reply_to(shell, msg_id, 12)
        took = time.time() - t
        ok = check(r is not None and r[2]["status"] == "error" and r[2].get("ename") == "InterruptedException",
                   f"interrupt {i} ({name}, after {delay} s) ends the cell with an error reply ({took:.1f} s)",
                   r[2] if r else "no reply within 12 s")
        if not ok and r is None:
            print("     the kernel is stuck in the cell; the remaining interrupts are not tried", flush=True)
            return
        if name == "loop that swallows Throwable":
            check("could not be stopped" in r[2].get("evalue", ""), f"interrupt {i}: the error says the cell could not be stopped",
                  r[2].get("evalue"))
        r = execute(shell, "keep + 1", 30)
        check(r is not None and r[2]["status"] == "ok", f"interrupt {i}: the kernel answers the next cell and keeps its variables", r)


def exits():
    """System.exit and Runtime.exit/halt in cells: each refused with an error reply; the session goes on."""
    shell = peer("shell_port")
    r = execute(shell, "int keep = 41;", 180)
    check(r is not None and r[2]["status"] == "ok", "a variable is defined", r)
    for code in ["System.exit(0);", "Runtime.getRuntime().halt(1);", "void quit() { Runtime.getRuntime().exit(2); }",
                 "java.util.function.IntConsumer bye = System::exit;\nbye.accept(3);"]:
        r = execute(shell, code, 60)
        check(r is not None and r[2]["status"] == "error" and r[2].get("ename") == "ExitNotAllowed",
              f"{code!r} is refused with an error reply", r[2] if r else "no reply: the kernel died?")
    r = execute(shell, "keep + 1", 60)
    check(r is not None and r[2]["status"] == "ok", "the kernel answers and keeps its variables", r)


def main():
    {"fuzz": fuzz, "shutdown": shutdown, "exit": exits, "interrupt": lambda: interrupt(int(sys.argv[3]))}[MODE]()
    print(f"{len(failures)} failed", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
