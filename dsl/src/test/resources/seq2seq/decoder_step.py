"""Recomputes two decoder steps of a SeqLab encoder-decoder in PyTorch from the same weights.

Reads the arrays SeqLab wrote (one per line: name, shape, values), runs the decoder's LSTM step,
attention and logits with torch's own LSTMCell, and writes the results in the same format.
Used by dev.seqlab.seq2seq.TorchCrossCheckTest with Debian's python3-torch.
Usage: /usr/bin/python3 decoder_step.py SCORING IN OUT
"""
import sys

import torch


def read(path):
    arrays = {}
    with open(path) as f:
        for line in f:
            name, shape, values = line.rstrip("\n").split("|")
            dims = [int(d) for d in shape.split(",") if d]
            arrays[name] = torch.tensor([float(v) for v in values.split(",")], dtype=torch.float32).reshape(dims)
    return arrays


def attend(scoring, a, q, keys, mask):
    if scoring == "ADDITIVE":
        pk = keys @ a["att_key_w"].T + a["att_key_b"]
        pq = (q @ a["att_query_w"].T).unsqueeze(1)
        scores = (torch.tanh(pk + pq) @ a["att_v_w"].T).squeeze(2)
    elif scoring == "GENERAL":
        scores = torch.bmm(keys, (q @ a["att_query_w"].T).unsqueeze(2)).squeeze(2)
    else:
        scores = torch.bmm(keys, q.unsqueeze(2)).squeeze(2)
    scores = scores.masked_fill(mask == 0, float("-inf"))
    weights = torch.softmax(scores, dim=1)
    context = torch.bmm(weights.unsqueeze(1), keys).squeeze(1)
    return context, weights


def main(scoring, src, dst):
    a = read(src)
    cell = torch.nn.LSTMCell(a["lstm_w_ih"].shape[1], a["lstm_w_hh"].shape[1])
    with torch.no_grad():
        cell.weight_ih.copy_(a["lstm_w_ih"])
        cell.weight_hh.copy_(a["lstm_w_hh"])
        cell.bias_ih.copy_(a["lstm_b_ih"])
        cell.bias_hh.copy_(a["lstm_b_hh"])
        h, c = a["h0"], a["c0"]
        context = torch.zeros(a["keys"].shape[0], a["keys"].shape[2])
        out = {}
        tokens = a["tokens"].long()
        for t in range(tokens.shape[1]):
            x = torch.cat([a["embedding"][tokens[:, t]], context], dim=1)
            h, c = cell(x, (h, c))
            context, weights = attend(scoring, a, h, a["keys"], a["mask"])
            logits = h @ a["head_w"].T + a["head_b"] + context @ a["context_w"].T
            out[f"logits{t}"] = logits
            out[f"weights{t}"] = weights
    with open(dst, "w") as f:
        for name, v in out.items():
            f.write(name + "|" + ",".join(str(d) for d in v.shape) + "|" + ",".join(repr(float(x)) for x in v.flatten()) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
