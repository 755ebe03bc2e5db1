#!/usr/bin/env python3
"""Optional PyTorch comparator for `npm run bench:nn` (Fig. 5 workload): the same networks, data
shapes, epochs and exact second-order MAML (torch.autograd.grad(create_graph=True)), one network
after another, on `--threads` CPU threads. Its own random draws (the time is compared, not the
numbers). Prints one JSON line: {"seconds": …, "train_seconds": …, "test_seconds": …, …}.

  /usr/bin/python3 scripts/pytorch/fig5.py --width 400 --epochs 250 --models 2 --threads 2
"""
import argparse
import json
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--width", type=int, default=400)
    ap.add_argument("--epochs", type=int, default=250)
    ap.add_argument("--models", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--test-tasks", type=int, default=50)
    ap.add_argument("--test-points", type=int, default=50)
    ap.add_argument("--alpha", type=float, default=-0.0075)
    ap.add_argument("--alpha-r", type=float, default=0.01)
    ap.add_argument("--lr", type=float, default=0.001)
    ap.add_argument("--first-order", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    p, m, nt, nv, nr, nu, sigma = 60, 3, 30, 2, 20, 0.5, 1.0
    sizes = [p, a.width, a.width, 1]

    def task_points(w, b, n):
        x = torch.randn(n, p)
        y = (x @ w + b) ** 2 + sigma * torch.randn(n)
        return x, y.unsqueeze(1)

    def draw_task():
        return nu / p**0.5 * torch.randn(p), torch.randn(())

    def forward(params, x):
        h = x
        for i in range(0, len(params), 2):
            h = h @ params[i] + params[i + 1]
            if i + 2 < len(params):
                h = torch.relu(h)
        return h

    def loss(params, x, y):
        return 0.5 * ((forward(params, x) - y) ** 2).mean()

    def adapted(params, x, y, alpha, create_graph):
        g = torch.autograd.grad(loss(params, x, y), params, create_graph=create_graph)
        return [w - alpha * gi for w, gi in zip(params, g)]

    tests = []
    for _ in range(a.test_tasks):
        w, b = draw_task()
        tests.append((task_points(w, b, nr), task_points(w, b, a.test_points)))

    train_s = test_s = 0.0
    final = []
    t_all = time.perf_counter()
    for _ in range(a.models):
        params = []
        for l in range(3):
            params.append((torch.randn(sizes[l], sizes[l + 1]) / sizes[l] ** 0.5).requires_grad_())
            params.append(torch.zeros(sizes[l + 1]).requires_grad_())
        tasks = []
        for _ in range(m):
            w, b = draw_task()
            tasks.append((task_points(w, b, nt), task_points(w, b, nv)))
        t0 = time.perf_counter()
        for _ in range(a.epochs):
            meta = 0.0
            for (xs, ys), (xq, yq) in tasks:
                fast = adapted(params, xs, ys, a.alpha, not a.first_order)
                meta = meta + loss(fast, xq, yq) / m
            grads = torch.autograd.grad(meta, params)
            with torch.no_grad():
                for w, g in zip(params, grads):
                    w -= a.lr * g
        train_s += time.perf_counter() - t0
        final.append(float(meta))
        t0 = time.perf_counter()
        total = 0.0
        for (xs, ys), (xq, yq) in tests:
            fast = adapted(params, xs, ys, a.alpha_r, False)
            with torch.no_grad():
                total += float(loss(fast, xq, yq))
        test_s += time.perf_counter() - t0
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - t_all,
                "train_seconds": train_s,
                "test_seconds": test_s,
                "models": a.models,
                "epochs": a.epochs,
                "width": a.width,
                "threads": torch.get_num_threads(),
                "torch": torch.__version__,
                "final_meta_loss": final,
            }
        )
    )


if __name__ == "__main__":
    main()
