#!/usr/bin/python3
"""PyTorch reference trajectories for Dendrite's optimizer parity tests.

Run from the repository root with Debian's python3-torch (1.13):
    /usr/bin/python3 test-data/reference/optim/make_optim_reference.py

Two problems, each in float32 and float64:
  rosenbrock  f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 from p = (-1.5, 2.0), one tensor of 2;
  mlp         Linear(5, 8) -> Tanh -> Linear(8, 3), CrossEntropyLoss (mean) on 64 fixed rows, full
              batch; data and initial weights in mlp_problem.json.
For every case: the flat parameters after each optimizer step ("trajectory") and the loss before
each step. Flat layout for mlp: W1 [out=8][in=5] row-major, b1, W2 [3][8], b2 (PyTorch's layout).
Single-tensor implementations (foreach=False) and one thread. Learning rates (per problem) are in
CASES; every constructor argument, defaults included, is recorded in each case's "options".

torch.__version__ of Debian's python3-torch 1.13.1+dfsg-4 reads "1.13.0a0"; the files record both.

More cases (Adadelta at lr != 1, SGD Nesterov and Adam AMSGrad with weight decay, and cases whose
learning rate changes at every step) are written by make_optim_extra_reference.py to
optim_extra_*.json with this file's run(). Rerunning this script elsewhere does not reproduce its
files bit for bit (float64 MLP gradients can differ in the last ulp with the BLAS/CPU, and the L-BFGS
cases then diverge), so the committed files are the reference, not a cache of this script's output.
"""
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 150
LBFGS_STEPS = 15

# (id, optimizer class, kwargs, lr for rosenbrock, lr for mlp)
CASES = [
    ("sgd", "SGD", {}, 2e-4, 0.2),
    ("sgd_momentum", "SGD", {"momentum": 0.9}, 2e-4, 0.1),
    ("sgd_dampening", "SGD", {"momentum": 0.9, "dampening": 0.5}, 2e-4, 0.1),
    ("sgd_nesterov", "SGD", {"momentum": 0.9, "nesterov": True}, 2e-4, 0.1),
    ("sgd_weight_decay", "SGD", {"momentum": 0.9, "weight_decay": 0.01}, 2e-4, 0.1),
    ("adagrad", "Adagrad", {}, 0.1, 0.1),
    ("adagrad_lr_decay", "Adagrad", {"lr_decay": 0.01}, 0.1, 0.1),
    ("adagrad_init_acc_wd", "Adagrad", {"initial_accumulator_value": 0.1, "weight_decay": 0.01}, 0.1, 0.1),
    ("rmsprop", "RMSprop", {}, 0.01, 0.01),
    ("rmsprop_centered", "RMSprop", {"centered": True}, 0.01, 0.01),
    ("rmsprop_momentum", "RMSprop", {"momentum": 0.9}, 0.002, 0.005),
    ("rmsprop_centered_momentum_wd", "RMSprop", {"centered": True, "momentum": 0.5, "weight_decay": 0.01}, 0.005, 0.005),
    ("adadelta", "Adadelta", {}, 1.0, 1.0),
    ("adadelta_rho_wd", "Adadelta", {"rho": 0.95, "weight_decay": 0.01}, 1.0, 1.0),
    ("adam", "Adam", {}, 0.05, 0.01),
    ("adam_amsgrad", "Adam", {"amsgrad": True}, 0.05, 0.01),
    ("adam_weight_decay", "Adam", {"weight_decay": 0.01}, 0.05, 0.01),
    ("adam_betas_eps", "Adam", {"betas": (0.8, 0.99), "eps": 1e-6}, 0.05, 0.01),
    ("adamw", "AdamW", {}, 0.05, 0.01),
    ("adamw_amsgrad", "AdamW", {"amsgrad": True, "weight_decay": 0.1}, 0.05, 0.01),
    ("adamax", "Adamax", {}, 0.05, 0.02),
    ("adamax_weight_decay", "Adamax", {"weight_decay": 0.01}, 0.05, 0.02),
    ("nadam", "NAdam", {}, 0.05, 0.02),
    ("nadam_momentum_decay_wd", "NAdam", {"momentum_decay": 0.01, "weight_decay": 0.01}, 0.05, 0.02),
    ("lbfgs_strong_wolfe", "LBFGS", {"max_iter": 20, "history_size": 10, "line_search_fn": "strong_wolfe"}, 1.0, 1.0),
    ("lbfgs_plain", "LBFGS", {"max_iter": 20, "history_size": 10, "line_search_fn": None}, 0.1, 0.1),
]


def full_kwargs(cls, kwargs, lr):
    """All constructor arguments with their values, defaults included (recorded in the file)."""
    import inspect
    sig = inspect.signature(getattr(torch.optim, cls).__init__)
    out = {}
    for name, p in sig.parameters.items():
        if name in ("self", "params"):
            continue
        v = p.default
        if v is inspect.Parameter.empty:
            v = None
        out[name] = v
    out.update(kwargs)
    out["lr"] = lr
    if "foreach" in out:
        out["foreach"] = False
    for k, v in list(out.items()):
        if isinstance(v, tuple):
            out[k] = list(v)
    return out


def mlp_problem():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(64, 5, generator=g, dtype=torch.float64)
    mix = torch.randn(5, 3, generator=g, dtype=torch.float64)
    y = torch.argmax(x @ mix, dim=1)
    w1 = torch.randn(8, 5, generator=g, dtype=torch.float64) * 0.5
    b1 = torch.randn(8, generator=g, dtype=torch.float64) * 0.1
    w2 = torch.randn(3, 8, generator=g, dtype=torch.float64) * 0.5
    b2 = torch.randn(3, generator=g, dtype=torch.float64) * 0.1
    # round the stored values to float32 so both dtypes start from the same numbers
    f = lambda t: t.float().double()
    return {"X": f(x), "y": y, "W1": f(w1), "b1": f(b1), "W2": f(w2), "b2": f(b2)}


def run(problem, dtype, case, prob, factors=None):
    """One case; with factors (make_optim_extra_reference.py's schedule) param_group["lr"] is set to
    lr * factors[k % len(factors)] before step k + 1, the rates used recorded as "lr_schedule"."""
    cid, cls, kwargs, lr_rosen, lr_mlp = case
    lr = lr_rosen if problem == "rosenbrock" else lr_mlp
    kw = full_kwargs(cls, kwargs, lr)
    if problem == "rosenbrock":
        params = [torch.tensor([-1.5, 2.0], dtype=dtype, requires_grad=True)]

        def loss_fn():
            x, y = params[0][0], params[0][1]
            return (1 - x) ** 2 + 100 * (y - x * x) ** 2
    else:
        params = [prob[k].to(dtype).clone().requires_grad_(True) for k in ("W1", "b1", "W2", "b2")]
        X = prob["X"].to(dtype)
        y = prob["y"]

        def loss_fn():
            h = torch.tanh(X @ params[0].T + params[1])
            z = h @ params[2].T + params[3]
            return torch.nn.functional.cross_entropy(z, y)

    ctor = {k: v for k, v in kw.items() if v is not None or k == "line_search_fn"}
    if cls == "LBFGS":
        ctor = {k: v for k, v in kw.items() if k in ("lr", "max_iter", "max_eval", "tolerance_grad", "tolerance_change",
                                                      "history_size", "line_search_fn")}
    else:
        ctor = {k: (tuple(v) if isinstance(v, list) else v) for k, v in ctor.items()}
    opt = getattr(torch.optim, cls)(params, **ctor)

    def closure():
        opt.zero_grad()
        loss = loss_fn()
        loss.backward()
        return loss

    flat = lambda: torch.cat([p.detach().reshape(-1) for p in params]).tolist()
    initial = flat()
    traj, losses, rates = [], [], []
    for k in range(LBFGS_STEPS if cls == "LBFGS" else STEPS):
        if factors is not None:
            for group in opt.param_groups:
                group["lr"] = lr * factors[k % len(factors)]
            rates.append(opt.param_groups[0]["lr"])
        with torch.no_grad():
            losses.append(float(loss_fn()))
        opt.step(closure)
        traj.append(flat())
    if cls == "LBFGS":
        kw["max_eval"] = opt.param_groups[0]["max_eval"]
    out = {"case": cid, "optimizer": cls, "options": kw, "dtype": str(dtype).replace("torch.", ""),
           "steps": len(traj), "initial": initial, "trajectory": traj, "loss": losses}
    if factors is not None:
        out["lr_schedule"] = rates
    return out


def torch_package():
    """torch.__version__ of Debian's build reads 1.13.0a0; the package version says which release it is."""
    try:
        import subprocess
        return "python3-torch " + subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"], capture_output=True,
                                                 text=True, check=True).stdout.strip() + " (Debian)"
    except Exception:  # not a Debian system: torch.__version__ alone
        return None


LAYOUT = {"rosenbrock": "[x, y]: the one parameter tensor p of 2",
          "mlp": "W1[8][5] row-major (torch layout [out][in]), b1[8], W2[3][8] row-major, b2[3]: 75 numbers"}
CONVENTIONS = ("initial = flat parameters before step 1; trajectory[k] = flat parameters after step k+1; loss[k] = the "
               "objective at the parameters before step k+1 (loss[0] at initial, loss[k] at trajectory[k-1]), evaluated "
               "in the case's dtype without gradient. One step = one optimizer.step(closure); for LBFGS that is up to "
               "max_iter inner iterations and max_eval closure calls. options = every constructor argument, defaults "
               "included, single-tensor code path (foreach=False where the argument exists). float32 cases print each "
               "float32 value as the double it converts to exactly.")


def check(case):
    import math
    values = case["initial"] + case["loss"] + [v for row in case["trajectory"] for v in row]
    if not all(math.isfinite(v) for v in values):
        raise SystemExit(f"non-finite value in {case['case']} {case['dtype']}")
    if case["trajectory"][-1] == case["initial"]:
        raise SystemExit(f"{case['case']} {case['dtype']} did not move")


def main():
    torch.set_num_threads(1)
    prob = mlp_problem()
    with open(os.path.join(HERE, "mlp_problem.json"), "w") as f:
        json.dump({"X": prob["X"].tolist(), "y": prob["y"].tolist(), "W1": prob["W1"].tolist(), "b1": prob["b1"].tolist(),
                   "W2": prob["W2"].tolist(), "b2": prob["b2"].tolist(),
                   "rule": "X ~ N(0,1) (torch.Generator seed 0), y = argmax(X @ M) with M ~ N(0,1) 5x3 drawn next; "
                           "W1, W2 ~ 0.5 N(0,1), b1, b2 ~ 0.1 N(0,1), all rounded to float32",
                   "model": "logits = tanh(X @ W1^T + b1) @ W2^T + b2; loss = CrossEntropyLoss() (mean over the 64 rows), "
                            "full batch every step",
                   "generated_by": "make_optim_reference.py", "torch_version": torch.__version__,
                   "torch_package": torch_package()}, f)
    write("optim_", "make_optim_reference.py", CONVENTIONS, lambda problem, dtype: [run(problem, dtype, c, prob) for c in CASES])


def write(prefix, generated_by, conventions, cases_for):
    """cases_for(problem, dtype) for both problems in both precisions, checked, each set written to
    <prefix><problem>_<dtype>.json."""
    for problem in ("rosenbrock", "mlp"):
        for dtype in (torch.float32, torch.float64):
            cases = cases_for(problem, dtype)
            for c in cases:
                check(c)
                print(f"{problem} {c['dtype']} {c['case']} lr={c['options']['lr']:g}: loss {c['loss'][0]:.4g} -> "
                      f"{c['loss'][-1]:.4g} ({c['steps']} steps)")
            out = {"generated_by": generated_by, "torch_version": torch.__version__,
                   "torch_package": torch_package(), "problem": problem,
                   "objective": "(1 - x)^2 + 100 (y - x^2)^2 from p = (-1.5, 2.0)" if problem == "rosenbrock"
                   else "5-8-3 tanh MLP, mean cross-entropy, data and start in mlp_problem.json",
                   "layout": LAYOUT[problem], "conventions": conventions, "cases": cases}
            name = f"{prefix}{problem}_{str(dtype).replace('torch.', '')}.json"
            with open(os.path.join(HERE, name), "w") as f:
                json.dump(out, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
