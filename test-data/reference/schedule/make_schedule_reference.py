#!/usr/bin/python3
"""PyTorch reference learning-rate sequences for Dendrite's schedule tests.

Run from the repository root with Debian's python3-torch (1.13.1; torch.__version__ reads 1.13.0a0):
    /usr/bin/python3 test-data/reference/schedule/make_schedule_reference.py

For each case: the learning rate in force at step t = 0..N-1, i.e. the parameter group's lr before
optimizer.step() number t, after t scheduler.step() calls (base lr 0.1 unless the scheduler sets
its own) on torch.optim.SGD([param], lr=base). "kwargs" holds every constructor argument of the
scheduler, defaults included (ChainedScheduler: the list of its schedulers with theirs).
ReduceLROnPlateau is stepped with metrics[t] after step t, so lr[t] has seen metrics[0..t-1].
Cases PyTorch 1.13 lacks are computed from their formula and marked "source": "formula".

"clock" says what one scheduler.step() (one t) stands for in the usual PyTorch loop: "epoch" for the
schedulers stepped once per epoch (StepLR, MultiStepLR, ExponentialLR, the cosine ones,
ReduceLROnPlateau with the epoch's metric, and the formula cases), "step" for those stepped after every
batch (CyclicLR, OneCycleLR and the chained warm-ups). Dendrite's test feeds t on that clock and a
different value on the other (several steps per epoch), so a schedule reading the wrong clock fails.
"""
import inspect
import json
import math
import os
import subprocess

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
S = torch.optim.lr_scheduler


def all_kwargs(cls, given):
    """Every constructor argument of scheduler class cls (but the optimizer), defaults included."""
    out = {}
    for name, p in inspect.signature(cls.__init__).parameters.items():
        if name in ("self", "optimizer", "schedulers"):
            continue
        out[name] = None if p.default is inspect.Parameter.empty else p.default
    out.update(given)
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in out.items()}


def torch_case(name, cls, kwargs, n, clock, base=0.1, metrics=None):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=base)
    sched = cls(opt, **kwargs)
    lrs = []
    for t in range(n):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if metrics is not None:
            sched.step(metrics[t])
        else:
            sched.step()
    case = {"case": name, "source": "torch", "scheduler": cls.__name__, "clock": clock, "base_lr": base, "steps": n,
            "kwargs": all_kwargs(cls, kwargs), "lr": lrs}
    if metrics is not None:
        case["metrics"] = metrics
    return case


def chained_case(name, parts, n, base=0.1):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=base)
    sched = S.ChainedScheduler([cls(opt, **kw) for cls, kw in parts])
    lrs = []
    for _ in range(n):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return {"case": name, "source": "torch", "scheduler": "ChainedScheduler", "clock": "step", "base_lr": base, "steps": n,
            "kwargs": {"schedulers": [{"scheduler": cls.__name__, "kwargs": all_kwargs(cls, kw)} for cls, kw in parts]},
            "lr": lrs}


def formula_case(name, formula, kwargs, fn, n, base=0.1):
    return {"case": name, "source": "formula", "formula": formula, "clock": "epoch", "base_lr": base, "steps": n, "kwargs": kwargs,
            "lr": [fn(t) for t in range(n)]}


def main():
    cases = [
        torch_case("step", S.StepLR, {"step_size": 10, "gamma": 0.5}, 60, "epoch"),
        torch_case("multi_step", S.MultiStepLR, {"milestones": [30, 80], "gamma": 0.1}, 120, "epoch"),
        torch_case("exponential", S.ExponentialLR, {"gamma": 0.95}, 100, "epoch"),
        # past T_max PyTorch 1.13's (recursive) cosine climbs back up: period 2 T_max
        torch_case("cosine", S.CosineAnnealingLR, {"T_max": 50, "eta_min": 0.001}, 120, "epoch"),
        torch_case("cosine_warm_restarts", S.CosineAnnealingWarmRestarts, {"T_0": 10, "T_mult": 2, "eta_min": 0.001}, 100, "epoch"),
        torch_case("cosine_warm_restarts_mult1", S.CosineAnnealingWarmRestarts, {"T_0": 7, "T_mult": 1, "eta_min": 0.0}, 40, "epoch"),
    ]
    # step_size_down=15 (asymmetric cycle of 25 steps) as Dendrite's ScheduleParityTest expects
    for mode, extra in (("triangular", {}), ("triangular2", {}), ("exp_range", {"gamma": 0.99})):
        kw = {"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 10, "step_size_down": 15, "mode": mode, "cycle_momentum": False,
              **extra}
        cases.append(torch_case("cyclic_" + mode, S.CyclicLR, kw, 90, "step"))
    # all four combinations of phases and annealing
    for name, three, strategy in (("one_cycle_three_phase_linear", True, "linear"), ("one_cycle_cos", False, "cos"),
                                  ("one_cycle_three_phase_cos", True, "cos"), ("one_cycle_linear", False, "linear")):
        kw = {"max_lr": 0.1, "total_steps": 100, "pct_start": 0.3, "anneal_strategy": strategy, "three_phase": three,
              "div_factor": 25.0, "final_div_factor": 1e4, "cycle_momentum": False}
        cases.append(torch_case(name, S.OneCycleLR, kw, 100, "step"))
    # the length given as epochs x steps_per_epoch (35 steps), and phase ends that are not whole steps:
    # pct_start * 35 - 1 = 7.75 and 2 * 8.75 - 2 = 15.5
    for name, three, strategy in (("one_cycle_three_phase_cos_fractional", True, "cos"), ("one_cycle_linear_fractional", False, "linear")):
        kw = {"max_lr": 0.05, "epochs": 5, "steps_per_epoch": 7, "pct_start": 0.25, "anneal_strategy": strategy, "three_phase": three,
              "div_factor": 10.0, "final_div_factor": 100.0, "cycle_momentum": False}
        cases.append(torch_case(name, S.OneCycleLR, kw, 35, "step"))
    # a linear warm-up multiplied into another schedule
    cases.append(chained_case("warm_up_exponential", [(S.LinearLR, {"start_factor": 0.1, "end_factor": 1.0, "total_iters": 10}),
                                                      (S.ExponentialLR, {"gamma": 0.97})], 60))
    cases.append(chained_case("warm_up_step", [(S.LinearLR, {"start_factor": 0.01, "end_factor": 1.0, "total_iters": 5}),
                                               (S.StepLR, {"step_size": 20, "gamma": 0.5})], 60))
    # a metric that falls, plateaus, bounces and plateaus again: patience, cooldown and min_lr all act.
    # t=33: 0.089895 is below the best 0.0899 but not by the relative threshold (needs < 0.0899 (1 - 1e-4)
    # = 0.08989101), so it is a bad epoch.
    metric = [1.0 / (1 + t) for t in range(10)] + [0.1] * 12 + [0.09, 0.2, 0.2, 0.2] + [0.0899] * 20 + [0.05] + [0.06] * 13
    metric[33] = 0.089895
    kw = {"mode": "min", "factor": 0.5, "patience": 3, "threshold": 1e-4, "threshold_mode": "rel", "cooldown": 2, "min_lr": 1e-3}
    cases.append(torch_case("plateau_min_rel", S.ReduceLROnPlateau, kw, 60, "epoch", metrics=metric))
    # t=30: 0.664 is above the best 0.66 but not by the absolute threshold 0.005: a bad epoch.
    acc = [0.5 + 0.01 * t for t in range(15)] + [0.64] * 10 + [0.66] + [0.655] * 34
    acc[30] = 0.664
    kw2 = {"mode": "max", "factor": 0.3, "patience": 2, "threshold": 0.005, "threshold_mode": "abs", "cooldown": 1, "min_lr": 0.0}
    cases.append(torch_case("plateau_max_abs", S.ReduceLROnPlateau, kw2, 60, "epoch", metrics=acc))
    for c in (1.0, 0.5):
        cases.append(formula_case(f"power_c{c}", "lr = base / (1 + t/s)^c", {"s": 10, "c": c},
                                  lambda t, c=c: 0.1 / (1 + t / 10) ** c, 60))
    cases.append(formula_case("exponential_tenfold", "lr = base * 0.1^(t/s)", {"s": 20}, lambda t: 0.1 * 0.1 ** (t / 20), 60))
    for c in cases:
        if not all(math.isfinite(v) and v > 0 for v in c["lr"]):
            raise SystemExit(f"non-finite or non-positive lr in {c['case']}")
        print(f"{c['case']} ({c['source']}): {len(c['lr'])} steps, lr[0] {c['lr'][0]:.4g}, range {min(c['lr']):.4g}..{max(c['lr']):.4g},"
              f" last {c['lr'][-1]:.4g}")
    try:
        package = "python3-torch " + subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"], capture_output=True,
                                                    text=True, check=True).stdout.strip() + " (Debian)"
    except Exception:
        package = None
    with open(os.path.join(HERE, "schedules.json"), "w") as f:
        json.dump({"generated_by": "make_schedule_reference.py", "torch_version": torch.__version__, "torch_package": package,
                   "convention": "lr[t] is the learning rate used by optimizer step t, after t scheduler.step() calls "
                                 "(ReduceLROnPlateau: scheduler.step(metrics[t]) after step t); clock: what one scheduler.step() "
                                 "stands for in the usual loop, an epoch or an optimizer step",
                   "cases": cases}, f, indent=1)


if __name__ == "__main__":
    main()
