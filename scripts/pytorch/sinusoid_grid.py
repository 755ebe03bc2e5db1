#!/usr/bin/env python3
"""Optional comparator for `npm run bench:nn` (never a test dependency): the two-learning-rates
paper's Fig. 4a workload (sec. 5.2) written as a researcher would in PyTorch -- a 1-40-40-1 ReLU MLP
per grid cell, MAML with one inner SGD step, exact second order (autograd with create_graph=True),
the meta-batch's tasks batched (the weights expanded per task, so one matmul serves all tasks and
autograd gives each task its own inner gradient), outer SGD with rate beta.

Usage: /usr/bin/python3 scripts/pytorch/sinusoid_grid.py --cells 4 --iterations 20 --threads 1
Prints one JSON line: {"seconds": ..., "cellIterations": ..., "threads": ...}.
Needs Debian's python3-torch (apt-get install -y python3-torch libopenblas0-serial).
"""
import argparse, json, math, time
import torch

p = argparse.ArgumentParser()
p.add_argument('--cells', type=int, default=4)
p.add_argument('--iterations', type=int, default=20)
p.add_argument('--tasks', type=int, default=100)
p.add_argument('--points', type=int, default=10)
p.add_argument('--width', type=int, default=40)
p.add_argument('--threads', type=int, default=1)
p.add_argument('--first-order', action='store_true')
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)
H, T, N = a.width, a.tasks, a.points


def init():
    def lin(i, o):
        b = 1 / math.sqrt(3 * i)  # variance 1/(3 fan_in), PyTorch's default Linear init
        return [(torch.rand(i, o) * 2 - 1) * b * math.sqrt(3), torch.zeros(o)]
    return [t.requires_grad_() for t in lin(1, H) + lin(H, H) + lin(H, 1)]


def forward(ps, x):
    """x [T, N, 1]; ps either shared [in, out] or per task [T, in, out]."""
    h = x
    for l in range(3):
        w, b = ps[2 * l], ps[2 * l + 1]
        h = torch.matmul(h, w) + (b.unsqueeze(-2) if b.dim() == 2 else b)
        if l < 2:
            h = torch.relu(h)
    return h


def tasks():
    amp = 0.1 + 4.9 * torch.rand(T, 1, 1)
    ph = math.pi * torch.rand(T, 1, 1)
    xs = 10 * torch.rand(T, N, 1) - 5
    xq = 10 * torch.rand(T, N, 1) - 5
    return xs, amp * torch.sin(xs - ph), xq, amp * torch.sin(xq - ph)


# Per-task inner gradients: autograd of the summed task losses w.r.t. shared weights mixes tasks,
# so expand the weights per task first (each task's loss depends only on its own copy).
def meta_step_per_task(ps, alpha, beta):
    xs, ys, xq, yq = tasks()
    rep = [p.unsqueeze(0).expand(T, *p.shape) for p in ps]
    ls = ((forward(rep, xs) - ys) ** 2).mean(dim=(1, 2)).sum()
    g = torch.autograd.grad(ls, rep, create_graph=not a.first_order)
    adapted = [r - alpha * gi for r, gi in zip(rep, g)]
    lq = ((forward(adapted, xq) - yq) ** 2).mean()
    mg = torch.autograd.grad(lq, ps)
    with torch.no_grad():
        for p_, gi in zip(ps, mg):
            p_ -= beta * gi
    return lq.item()


t0 = time.perf_counter()
for c in range(a.cells):
    ps = init()
    for it in range(a.iterations):
        meta_step_per_task(ps, 0.01, 0.01)
dt = time.perf_counter() - t0
print(json.dumps({'seconds': dt, 'cellIterations': a.cells * a.iterations, 'threads': a.threads,
                  'torch': torch.__version__}))
