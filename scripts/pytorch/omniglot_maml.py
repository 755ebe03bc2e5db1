"""Optional comparator for `npm run bench:omniglot`: one MAML meta-iteration of Conv4 in PyTorch.

Same network and iteration as src/compute/omniglot/conv4.ts: 4 blocks of 3x3 conv (stride 2,
padding 1, no bias) + batch norm with batch statistics (gamma, beta adapted in the inner loop) +
ReLU, flatten, linear head; cross-entropy; one inner SGD step per task (alpha 0.4), exact second
order (create_graph=True) unless --first-order; meta-gradient of the mean query loss over the
meta-batch; Adam step. Random images (timing only). Prints one JSON line:
{"threads": n, "seconds": [per iteration...], "median": s}.

usage: python3 scripts/pytorch/omniglot_maml.py [--threads N] [--filters 64] [--way 5]
       [--queries 5] [--meta-batch 8] [--iters 6] [--first-order]
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--filters", type=int, default=64)
    ap.add_argument("--way", type=int, default=5)
    ap.add_argument("--queries", type=int, default=5)
    ap.add_argument("--meta-batch", type=int, default=8)
    ap.add_argument("--iters", type=int, default=6)
    ap.add_argument("--first-order", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    c = a.filters
    params = []
    cin = 1
    for _ in range(4):
        w = torch.empty(c, cin, 3, 3)
        torch.nn.init.xavier_uniform_(w)
        params += [w, torch.ones(c), torch.zeros(c)]
        cin = c
    wh = torch.empty(a.way, c * 4)
    torch.nn.init.xavier_uniform_(wh)
    params += [wh, torch.zeros(a.way)]
    params = [p.requires_grad_() for p in params]
    opt = torch.optim.Adam(params, lr=1e-3)

    def forward(x, p):
        h = x
        for l in range(4):
            h = F.conv2d(h, p[3 * l], stride=2, padding=1)
            h = F.batch_norm(h, None, None, p[3 * l + 1], p[3 * l + 2], training=True)
            h = F.relu(h)
        return F.linear(h.flatten(1), p[12], p[13])

    ms, mq = a.way, a.way * a.queries
    xs = torch.rand(a.meta_batch, ms, 1, 28, 28)
    xq = torch.rand(a.meta_batch, mq, 1, 28, 28)
    ys = torch.arange(ms) % a.way
    yq = torch.arange(mq) % a.way
    times = []
    for _ in range(a.iters):
        t0 = time.perf_counter()
        opt.zero_grad()
        total = 0.0
        for t in range(a.meta_batch):
            loss_s = F.cross_entropy(forward(xs[t], params), ys)
            g = torch.autograd.grad(loss_s, params, create_graph=not a.first_order)
            fast = [p - 0.4 * gi for p, gi in zip(params, g)]
            loss_q = F.cross_entropy(forward(xq[t], fast), yq) / a.meta_batch
            loss_q.backward()
            total += float(loss_q)
        opt.step()
        times.append(time.perf_counter() - t0)
    times = times[1:] if len(times) > 1 else times  # the first iteration warms up
    med = sorted(times)[len(times) // 2]
    print(json.dumps({"threads": a.threads, "seconds": times, "median": med}))


if __name__ == "__main__":
    main()
