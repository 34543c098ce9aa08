#!/usr/bin/python3
"""PyTorch reference for Dendrite's L2 penalty as weight decay: l2_as_weight_decay.json.

Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 test-data/reference/optim/make_l2_reference.py

Dendrite adds l2 * w to the gradient of every weight (not the biases) before the optimizer step, which
its Javadoc says equals PyTorch's weight_decay. Here torch trains the MLP of make_optim_reference.py
(float32, 50 steps) with weight_decay = 0.01 on the two weight matrices and 0 on the biases (two
parameter groups), under SGD with momentum and under Adam (whose weight_decay is the coupled L2, not
AdamW's); the test replays the same optimizer without weight decay and Dendrite's Regularization(l2 =
0.01) adding its gradient, and compares every parameter after every step.
"""
import json
import os

import torch

from make_optim_reference import HERE, full_kwargs, mlp_problem, torch_package

STEPS = 50
L2 = 0.01
CASES = [("sgd_momentum", "SGD", {"momentum": 0.9}, 0.1), ("adam", "Adam", {}, 0.01)]


def run(cls, kw, prob):
    params = [prob[k].float().clone().requires_grad_(True) for k in ("W1", "b1", "W2", "b2")]
    X, y = prob["X"].float(), prob["y"]
    opt = getattr(torch.optim, cls)([{"params": [params[0], params[2]], "weight_decay": L2},
                                     {"params": [params[1], params[3]], "weight_decay": 0.0}],
                                    **{k: (tuple(v) if isinstance(v, list) else v) for k, v in kw.items() if v is not None})

    def loss_fn():
        h = torch.tanh(X @ params[0].T + params[1])
        return torch.nn.functional.cross_entropy(h @ params[2].T + params[3], y)

    flat = lambda: torch.cat([p.detach().reshape(-1) for p in params]).tolist()
    initial, traj, losses = flat(), [], []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = loss_fn()
        losses.append(float(loss))
        loss.backward()
        opt.step()
        traj.append(flat())
    return {"initial": initial, "trajectory": traj, "loss": losses}


def main():
    torch.set_num_threads(1)
    prob = mlp_problem()
    cases = []
    for cid, cls, kwargs, lr in CASES:
        kw = full_kwargs(cls, kwargs, lr)
        c = {"case": cid, "optimizer": cls, "options": kw, "l2": L2, "steps": STEPS}
        c.update(run(cls, kw, prob))
        print(f"{cid}: loss {c['loss'][0]:.4g} -> {c['loss'][-1]:.4g}")
        cases.append(c)
    out = {"generated_by": "make_l2_reference.py", "torch_version": torch.__version__, "torch_package": torch_package(),
           "dtype": "float32", "conventions": "options: the optimizer's constructor arguments (weight_decay 0 there); weight_decay l2 on W1 and W2 (parameter group 1), 0 on b1 and b2; trajectory[k] = the "
           "parameters after step k + 1 in make_optim_reference.py's flat layout (W1[8][5], b1, W2[3][8], b2); loss[k] = the loss (no "
           "penalty) before step k + 1", "cases": cases}
    with open(os.path.join(HERE, "l2_as_weight_decay.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
