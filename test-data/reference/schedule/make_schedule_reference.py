#!/usr/bin/python3
"""PyTorch reference learning-rate sequences for Dendrite's schedule tests.

Run from the repository root with Debian's python3-torch (1.13):
    /usr/bin/python3 test-data/reference/schedule/make_schedule_reference.py

For each case: the learning rate in force at step t = 0..N-1, i.e. the parameter group's lr before
optimizer.step() number t, after t scheduler.step() calls (base lr 0.1 unless the scheduler sets
its own). Cases PyTorch 1.13 lacks are computed from their formula and marked "source": "formula".
"""
import json
import math
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
S = torch.optim.lr_scheduler


def torch_case(name, make, n, kwargs, base=0.1, metrics=None):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=base)
    sched = make(opt)
    lrs = []
    for t in range(n):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if metrics is not None:
            sched.step(metrics[t])
        else:
            sched.step()
    case = {"case": name, "source": "torch", "base_lr": base, "kwargs": kwargs, "lr": lrs}
    if metrics is not None:
        case["metrics"] = metrics
    return case


def main():
    cases = [
        torch_case("step", lambda o: S.StepLR(o, step_size=10, gamma=0.5), 60, {"step_size": 10, "gamma": 0.5}),
        torch_case("multi_step", lambda o: S.MultiStepLR(o, milestones=[30, 80], gamma=0.1), 120, {"milestones": [30, 80], "gamma": 0.1}),
        torch_case("exponential", lambda o: S.ExponentialLR(o, gamma=0.95), 100, {"gamma": 0.95}),
        torch_case("cosine", lambda o: S.CosineAnnealingLR(o, T_max=50, eta_min=0.001), 120, {"T_max": 50, "eta_min": 0.001}),
        torch_case("cosine_warm_restarts", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=10, T_mult=2, eta_min=0.001), 100,
                   {"T_0": 10, "T_mult": 2, "eta_min": 0.001}),
        torch_case("cosine_warm_restarts_mult1", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=7, T_mult=1, eta_min=0.0), 40,
                   {"T_0": 7, "T_mult": 1, "eta_min": 0.0}),
    ]
    for mode, extra in (("triangular", {}), ("triangular2", {}), ("exp_range", {"gamma": 0.99})):
        kw = {"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 10, "step_size_down": 15, "mode": mode, "cycle_momentum": False, **extra}
        cases.append(torch_case("cyclic_" + mode, lambda o, kw=kw: S.CyclicLR(o, **kw), 90, kw))
    for three, strategy in ((True, "linear"), (False, "cos")):
        kw = {"max_lr": 0.1, "total_steps": 100, "pct_start": 0.3, "anneal_strategy": strategy, "three_phase": three,
              "div_factor": 25.0, "final_div_factor": 1e4, "cycle_momentum": False}
        cases.append(torch_case("one_cycle_" + ("three_phase_linear" if three else "cos"), lambda o, kw=kw: S.OneCycleLR(o, **kw), 100, kw))
    cases.append(torch_case("warm_up_exponential", lambda o: S.ChainedScheduler([S.LinearLR(o, start_factor=0.1, total_iters=10),
                                                                                  S.ExponentialLR(o, gamma=0.97)]), 60,
                            {"LinearLR": {"start_factor": 0.1, "end_factor": 1.0, "total_iters": 10}, "ExponentialLR": {"gamma": 0.97}}))
    cases.append(torch_case("warm_up_step", lambda o: S.ChainedScheduler([S.LinearLR(o, start_factor=0.01, end_factor=1.0, total_iters=5),
                                                                           S.StepLR(o, step_size=20, gamma=0.5)]), 60,
                            {"LinearLR": {"start_factor": 0.01, "end_factor": 1.0, "total_iters": 5}, "StepLR": {"step_size": 20, "gamma": 0.5}}))
    # a metric that falls, plateaus, bounces and plateaus again: patience, cooldown and min_lr all act
    metric = [1.0 / (1 + t) for t in range(10)] + [0.1] * 12 + [0.09, 0.2, 0.2, 0.2] + [0.0899] * 20 + [0.05] + [0.06] * 13
    kw = {"mode": "min", "factor": 0.5, "patience": 3, "threshold": 1e-4, "threshold_mode": "rel", "cooldown": 2, "min_lr": 1e-3}
    cases.append(torch_case("plateau_min_rel", lambda o: S.ReduceLROnPlateau(o, **kw), 60, kw, metrics=metric))
    acc = [0.5 + 0.01 * t for t in range(15)] + [0.64] * 10 + [0.66] + [0.655] * 34
    kw2 = {"mode": "max", "factor": 0.3, "patience": 2, "threshold": 0.005, "threshold_mode": "abs", "cooldown": 1, "min_lr": 0.0}
    cases.append(torch_case("plateau_max_abs", lambda o: S.ReduceLROnPlateau(o, **kw2), 60, kw2, metrics=acc))
    for c in (1.0, 0.5):
        cases.append({"case": f"power_c{c}", "source": "formula", "base_lr": 0.1, "kwargs": {"s": 10, "c": c},
                      "lr": [0.1 / (1 + t / 10) ** c for t in range(60)]})
    cases.append({"case": "exponential_tenfold", "source": "formula", "base_lr": 0.1, "kwargs": {"s": 20},
                  "lr": [0.1 * 0.1 ** (t / 20) for t in range(60)]})
    for c in cases:
        print(f"{c['case']} ({c['source']}): {len(c['lr'])} steps, lr {min(c['lr']):.4g}..{max(c['lr']):.4g}")
    with open(os.path.join(HERE, "schedules.json"), "w") as f:
        json.dump({"generated_by": "make_schedule_reference.py", "torch_version": torch.__version__,
                   "convention": "lr[t] is the learning rate used by optimizer step t, after t scheduler.step() calls",
                   "cases": cases}, f, indent=1)


if __name__ == "__main__":
    main()
