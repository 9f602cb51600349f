"""Drives the installed SeqLab kernel through Debian's real jupyter_client: the magic registry
(%lsmagic, %vars, %imports, completion of magic names, the banner) and images (a BufferedImage
shown with display(...) and as a cell's value).

Usage: JUPYTER_PATH=<prefix>/share/jupyter python3 magics_and_images.py KERNEL_NAME
Prints one line per check; exits non-zero on the first failure.
"""
import base64
import sys
import time

from jupyter_client.manager import KernelManager

NAME = sys.argv[1] if len(sys.argv) > 1 else "seqlab"
TIMEOUT = 60
PNG = b"\x89PNG\r\n\x1a\n"


def check(cond, what, detail=""):
    if not cond:
        print(f"FAIL {what}: {detail}", flush=True)
        raise SystemExit(1)
    print(f"ok   {what}", flush=True)


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


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
    return shell_reply(kc, msg_id, timeout), outputs


def stdout(outputs):
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def of_type(outputs, msg_type):
    return [m for m in outputs if m["msg_type"] == msg_type]


def main():
    km = KernelManager(kernel_name=NAME)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        msg_id = kc.kernel_info()
        banner = shell_reply(kc, msg_id)["content"]["banner"]
        check("%vars" in banner and "%imports" in banner and "%%time" in banner, "the banner names the registry's magics", banner)

        reply, out = run(kc, "%lsmagic")
        listing = stdout(out)
        check(reply["content"]["status"] == "ok" and all(m in listing for m in ("%vars", "%imports", "%maven", "%%time")),
              "%lsmagic lists %vars and %imports", listing)

        msg_id = kc.complete("%va", 3)
        c = shell_reply(kc, msg_id)["content"]
        check(c["matches"] == ["%vars"] and c["cursor_start"] == 0, "magic names complete from the registry", c)

        # %vars: name, type, short value and size of a tensor, a table and a collection
        reply, out = run(kc, 'var manager = ai.djl.ndarray.NDManager.newBaseManager();\n'
                             'var x = manager.zeros(new ai.djl.ndarray.types.Shape(2, 3));\n'
                             'Table t = Table.create("t", DoubleColumn.create("a", 1, 2, 3, 4));\n'
                             'List<Integer> xs = List.of(1, 2, 3);\n'
                             'int answer = 42;')
        check(reply["content"]["status"] == "ok", "variables defined", reply["content"])
        reply, out = run(kc, "%vars")
        shown = of_type(out, "display_data")
        check(reply["content"]["status"] == "ok" and shown, "%vars shows a display", out)
        table = shown[0]["content"]["data"]["text/plain"]
        rows = {line.split()[0]: line for line in table.splitlines()[1:]}
        check(table.splitlines()[0].split() == ["name", "type", "value", "size"], "%vars has a header", table)
        check("(2, 3)" in rows.get("x", "") and "NDArray" in rows.get("x", ""), "%vars gives an NDArray's shape", table)
        check("4 rows x 1 cols" in rows.get("t", ""), "%vars gives a table's rows x cols", table)
        check("3 items" in rows.get("xs", ""), "%vars gives a collection's size", table)
        check(rows.get("answer", "").split()[:3] == ["answer", "int", "42"], "%vars gives name, type and value", table)
        check("<table" in shown[0]["content"]["data"]["text/html"], "%vars has an HTML table too", shown[0]["content"]["data"])

        reply, out = run(kc, "import java.awt.image.BufferedImage;\n%imports")
        check(reply["content"]["status"] == "ok" and "import java.awt.image.BufferedImage;" in stdout(out)
              and "import java.util.*;" in stdout(out), "%imports lists the defaults and the cell's own", stdout(out))

        # images: display(img) and a cell whose value is a BufferedImage
        draw = ('BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);\n'
                'var g = img.createGraphics(); g.setColor(java.awt.Color.RED); g.fillRect(0, 0, 20, 30); g.dispose();\n')
        reply, out = run(kc, draw + "display(img);")
        shown = of_type(out, "display_data")
        check(reply["content"]["status"] == "ok" and shown and "image/png" in shown[0]["content"]["data"],
              "display(BufferedImage) gives image/png", out)
        check(base64.b64decode(shown[0]["content"]["data"]["image/png"])[:8] == PNG, "display's image/png is a PNG")
        check(shown[0]["content"]["data"]["text/plain"] == "BufferedImage 40x30", "the image's text is its size",
              shown[0]["content"]["data"]["text/plain"])
        reply, out = run(kc, "img")
        results = of_type(out, "execute_result")
        check(reply["content"]["status"] == "ok" and results and "image/png" in results[0]["content"]["data"],
              "a cell ending in a BufferedImage gives image/png", out)
        check(base64.b64decode(results[0]["content"]["data"]["image/png"])[:8] == PNG, "the result's image/png is a PNG")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
