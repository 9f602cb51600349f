"""Runs SeqLab's exported weights in PyTorch, and exports PyTorch weights for SeqLab (WeightsTest).

usage: torch_weights.py DIR CELL LAYERS BIDIRECTIONAL HIDDEN
DIR holds seqlab.npz (SeqLab's export) and input.npz (x, seqlab_out, seqlab_pred). Writes
torch.npz (a fresh PyTorch model's state_dict under SeqLab's names) and torch_out.npz (its
outputs on x), and prints one JSON line with the measured differences.
"""
import json
import sys

import numpy as np
import torch

folder, cell, layers, bidirectional, hidden = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "true", int(sys.argv[5])
torch.set_num_threads(1)
inputs = np.load(folder + "/input.npz")
x = torch.from_numpy(inputs["x"])
gates = {"lstm": 4, "gru": 3}[cell]
kind = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell]


def build():
    rnn = kind(input_size=x.shape[2], hidden_size=hidden, num_layers=layers, batch_first=True, bidirectional=bidirectional)
    head = torch.nn.Linear(hidden * (2 if bidirectional else 1), inputs["seqlab_pred"].shape[1])
    return rnn, head


def predict(rnn, head):
    """SeqLab's head reads the forward half at the last step and the backward half at step 0."""
    with torch.no_grad():
        out, _ = rnn(x)
        summary = torch.cat([out[:, -1, :hidden], out[:, 0, hidden:]], dim=1) if bidirectional else out[:, -1, :]
        return out, head(summary)


def load(rnn, head, arrays):
    rnn.load_state_dict({k: torch.from_numpy(arrays[k]) for k in rnn.state_dict()}, strict=True)
    head.load_state_dict({"weight": torch.from_numpy(arrays["head.weight"]), "bias": torch.from_numpy(arrays["head.bias"])})


seqlab = dict(np.load(folder + "/seqlab.npz"))
rnn, head = build()
expected = set(rnn.state_dict()) | {"head.weight", "head.bias"}
if set(seqlab) != expected:
    raise SystemExit("names differ: seqlab has %s, torch expects %s" % (sorted(seqlab), sorted(expected)))
load(rnn, head, seqlab)
out, pred = predict(rnn, head)
report = {
    "out_diff": float(np.abs(out.numpy() - inputs["seqlab_out"]).max()),
    "pred_diff": float(np.abs(pred.numpy() - inputs["seqlab_pred"]).max()),
}

# The same weights with the first two gate blocks swapped (LSTM i<->f, GRU r<->z): if SeqLab's
# gate order differed from PyTorch's, this is what the comparison above would have seen.
swapped = {}
for k, v in seqlab.items():
    if k.startswith(("weight_", "bias_")):
        blocks = np.split(v, gates, axis=0)
        blocks[0], blocks[1] = blocks[1], blocks[0]
        v = np.concatenate(blocks, axis=0)
    swapped[k] = v
load(rnn, head, swapped)
report["swapped_gates_out_diff"] = float(np.abs(predict(rnn, head)[0].numpy() - inputs["seqlab_out"]).max())

# The reverse direction: a fresh PyTorch model, saved with numpy.savez under SeqLab's names.
torch.manual_seed(11)
rnn, head = build()
arrays = {k: v.detach().numpy().astype(np.float32) for k, v in rnn.state_dict().items()}
arrays["head.weight"] = head.weight.detach().numpy().astype(np.float32)
arrays["head.bias"] = head.bias.detach().numpy().astype(np.float32)
np.savez(folder + "/torch.npz", **arrays)
out, pred = predict(rnn, head)
np.savez(folder + "/torch_out.npz", out=out.numpy(), pred=pred.numpy())
print(json.dumps(report))
