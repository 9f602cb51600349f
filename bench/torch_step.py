#!/usr/bin/python3
"""PyTorch side of the SeqLab benchmark (Debian's python3-torch).

Reads one JSON request per line on stdin and answers one JSON line on stdout, exactly like
the Java worker (dev.seqlab.bench.Worker), so bench/driver.py can alternate the two in warm
processes. Requests: {"op":"info"}, {"op":"train","cfg":{cell,B,T,F,H,L},"steps":N,"warmup":W},
{"op":"infer",...}, {"op":"sgemm","n":1024,"steps":N,"warmup":W}, {"op":"quit"}.

The model is the PyTorch twin of the hand-written DJL loop: nn.LSTM / nn.GRU / nn.RNN(tanh)
with num_layers=L and batch_first=True, a Linear head on the last step, MSELoss, Adam(1e-3).
A timed step is: batch slice, zero_grad, forward, loss, backward, optimizer.step, loss.item().
"""
import argparse
import json
import sys
import time

import torch


def build(cfg):
    cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[cfg["cell"]]
    kw = {"nonlinearity": "tanh"} if cfg["cell"] == "rnn" else {}
    rnn = cls(input_size=cfg["F"], hidden_size=cfg["H"], num_layers=cfg["L"], batch_first=True, **kw)
    head = torch.nn.Linear(cfg["H"], 1)

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = rnn
            self.head = head

        def forward(self, x):
            out, _ = self.rnn(x)
            return self.head(out[:, -1, :])

    return Net()


def train(cfg, steps, warmup, seed):
    torch.manual_seed(seed)
    n = steps + warmup
    b, t, f = cfg["B"], cfg["T"], cfg["F"]
    x_all = torch.randn(n * b, t, f)
    y_all = torch.randn(n * b, 1)
    net = build(cfg)
    net.train()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.MSELoss()
    out = []
    sink = 0.0
    for i in range(n):
        if i == warmup:
            c0 = time.process_time()
        t0 = time.perf_counter()
        x = x_all[i * b:(i + 1) * b]
        y = y_all[i * b:(i + 1) * b]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        sink += loss.item()
        t1 = time.perf_counter()
        if i >= warmup:
            out.append((t1 - t0) * 1e3)
    if sink != sink:
        raise RuntimeError("training diverged")
    return out, [(time.process_time() - c0) * 1e3 / steps]


def infer(cfg, reps, warmup, seed):
    torch.manual_seed(seed)
    net = build(cfg)
    net.eval()
    x = torch.randn(cfg["B"], cfg["T"], cfg["F"])
    out = []
    with torch.no_grad():
        for i in range(warmup + reps):
            if i == warmup:
                c0 = time.process_time()
            t0 = time.perf_counter()
            y = net(x).numpy().copy()
            t1 = time.perf_counter()
            assert y.shape[0] == cfg["B"]
            if i >= warmup:
                out.append((t1 - t0) * 1e3)
    return out, [(time.process_time() - c0) * 1e3 / reps]


def sgemm(n, reps, warmup):
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    out = []
    for i in range(warmup + reps):
        t0 = time.perf_counter()
        c = torch.matmul(a, b)
        t1 = time.perf_counter()
        if i >= warmup:
            out.append((t1 - t0) * 1e3)
    del c
    return out


def rss_mib():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def handle(req):
    op = req["op"]
    steps, warmup, seed = req.get("steps", 10), req.get("warmup", 3), req.get("seed", 42)
    if op == "info":
        return {"torch": torch.__version__, "threads": torch.get_num_threads(),
                "interop_threads": torch.get_num_interop_threads(),
                "blas": torch.__config__.show().split("BLAS_INFO=")[1].split(",")[0],
                "python": sys.version.split()[0]}
    if op in ("train", "infer"):
        ms, cpu = (train if op == "train" else infer)(req["cfg"], steps, warmup, seed)
        return {"ms": ms, "cpu": cpu, "rssMiB": rss_mib()}
    if op == "sgemm":
        return {"ms": sgemm(req.get("n", 1024), steps, warmup)}
    return {"error": "unknown op " + op}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    protocol = sys.stdout
    sys.stdout = sys.stderr
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        if req.get("op") == "quit":
            break
        try:
            res = handle(req)
        except Exception as e:  # report, keep serving
            res = {"error": repr(e)}
        protocol.write(json.dumps(res) + "\n")
        protocol.flush()


if __name__ == "__main__":
    main()
