#!/usr/bin/python3
"""PyTorch reference values and derivatives of activations and losses for Dendrite's tests.

Run from the repository root with Debian's python3-torch (1.13.1; torch.__version__ reads 1.13.0a0):
    /usr/bin/python3 test-data/reference/functions/make_function_reference.py

Everything in float64, derivatives from autograd:
  activations.json  each elementwise activation f at the points x: "value" f(x) and "derivative"
                    d/dx sum(f(x)), i.e. f'(x) elementwise (at kinks: the one-sided value PyTorch's
                    backward picks, listed under "at_zero"). Softmax / log-softmax over the last axis
                    of fixed rows: value and the vector-Jacobian product upstream^T J with the stored
                    upstream gradient.
  losses.json       each loss with reduction "mean": its value and the gradient w.r.t. the input
                    (logits or predictions). Per-sample weighted cases use
                    loss = sum_i w_i l_i / sum_i w_i with l_i the per-sample loss (reduction="none";
                    the weighted BCE case is single-label, one logit per sample). That equals torch's own
                    CrossEntropyLoss(weight=class_weights) mean when w_i = class_weights[target_i], which
                    a separate case records.
"""
import json
import math
import os
import subprocess

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
D = torch.float64


def torch_package():
    try:
        return "python3-torch " + subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"], capture_output=True,
                                                 text=True, check=True).stdout.strip() + " (Debian)"
    except Exception:
        return None


def header(kind, conventions):
    return {"generated_by": "make_function_reference.py", "torch_version": torch.__version__, "torch_package": torch_package(),
            "dtype": "float64", "kind": kind, "conventions": conventions}


def finite(values, what):
    flat = torch.as_tensor(values, dtype=D).reshape(-1)
    if not torch.isfinite(flat).all():
        raise SystemExit(f"non-finite value in {what}")


# ---------------------------------------------------------------- activations

ACTIVATIONS = [
    ("identity", {}, lambda x: x),
    ("sigmoid", {}, torch.sigmoid),
    ("tanh", {}, torch.tanh),
    ("relu", {}, F.relu),
    ("leaky_relu_0.01", {"negative_slope": 0.01}, lambda x: F.leaky_relu(x, negative_slope=0.01)),
    ("leaky_relu_0.2", {"negative_slope": 0.2}, lambda x: F.leaky_relu(x, negative_slope=0.2)),
    ("elu_1.0", {"alpha": 1.0}, lambda x: F.elu(x, alpha=1.0)),
    ("elu_0.5", {"alpha": 0.5}, lambda x: F.elu(x, alpha=0.5)),
    ("selu", {"alpha": 1.6732632423543772848170429916717, "scale": 1.0507009873554804934193349852946}, F.selu),
    ("gelu", {"approximate": "none"}, lambda x: F.gelu(x, approximate="none")),
    ("gelu_tanh", {"approximate": "tanh"}, lambda x: F.gelu(x, approximate="tanh")),
    ("softplus", {"beta": 1.0, "threshold": 20.0}, lambda x: F.softplus(x, beta=1.0, threshold=20.0)),
]
FORMULAS = {
    "identity": "x",
    "sigmoid": "1 / (1 + exp(-x))",
    "tanh": "tanh(x)",
    "relu": "max(0, x)",
    "leaky_relu_0.01": "x if x > 0 else 0.01 x",
    "leaky_relu_0.2": "x if x > 0 else 0.2 x",
    "elu_1.0": "x if x > 0 else alpha (exp(x) - 1)",
    "elu_0.5": "x if x > 0 else alpha (exp(x) - 1)",
    "selu": "scale (x if x > 0 else alpha (exp(x) - 1))",
    "gelu": "x Phi(x) = 0.5 x (1 + erf(x / sqrt(2)))",
    "gelu_tanh": "0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))",
    "softplus": "log(1 + exp(beta x)) / beta, and x itself where beta x > threshold",
}


def activations():
    grid = [-5 + 0.25 * i for i in range(41)]          # exact binary fractions; 0.0 is grid point 20
    specials = [-30.0, -20.0, -1e-3, 1e-3, 20.0, 20.5, 30.0]   # softplus: 20 is at the threshold (log1p form), 20.5/30 above it
    xs = grid + specials
    out = []
    for name, params, f in ACTIVATIONS:
        x = torch.tensor(xs, dtype=D, requires_grad=True)
        y = f(x)
        y.sum().backward()
        value, deriv = y.detach().tolist(), x.grad.tolist()
        finite(value + deriv, name)
        out.append({"name": name, "params": params, "formula": FORMULAS[name], "value": value, "derivative": deriv,
                    "at_zero": {"value": value[20], "derivative": deriv[20]}})
        print(f"activation {name}: f(-5) {value[0]:.6g}, f(0) {value[20]:.6g}, f(5) {value[40]:.6g}, "
              f"f'(0) {deriv[20]:.6g}, f'(-20) {deriv[42]:.6g}")

    rows = [[1.0, 2.0, 3.0], [1000.0, 1001.0, 999.0], [-1000.0, -999.0, -1001.0], [0.0, 0.0, 0.0],
            [-2.5, 0.5, 1e-3], [50.0, -50.0, 0.0], [0.1, 0.2, -0.3]]
    upstream = [[0.3, -1.2, 0.7], [1.0, 0.0, 0.0], [0.5, 0.5, -2.0], [1.0, 2.0, 3.0],
                [-0.4, 0.9, 0.25], [0.0, 1.0, 0.0], [2.0, -1.0, 0.5]]
    soft = {"rows": rows, "upstream": upstream, "axis": "last (each row separately)",
            "vjp": "vjp[i][j] = sum_k upstream[i][k] d f(row_i)_k / d row_i[j], i.e. autograd of sum(upstream * f(rows))"}
    for key, f in (("softmax", lambda z: torch.softmax(z, dim=-1)), ("log_softmax", lambda z: torch.log_softmax(z, dim=-1))):
        z = torch.tensor(rows, dtype=D, requires_grad=True)
        y = f(z)
        (y * torch.tensor(upstream, dtype=D)).sum().backward()
        finite(y.detach().tolist() + z.grad.tolist(), key)
        soft[key] = {"value": y.detach().tolist(), "vjp": z.grad.tolist()}
        print(f"{key}: row [1000, 1001, 999] -> {[round(v, 6) for v in soft[key]['value'][1]]}")
    doc = header("activations", "x = 41 points -5, -4.75, ..., 5 (index 20 is 0.0) followed by the specials; "
                                "derivative[i] = d/dx_i sum_j f(x_j) = f'(x_i) from autograd")
    doc.update({"x": xs, "activations": out, "softmax": soft})
    return doc


# ---------------------------------------------------------------- losses

def loss_case(name, loss, kwargs, inp, target, fn, weights=None, note=None):
    x = torch.tensor(inp, dtype=D, requires_grad=True)
    value = fn(x)
    value.backward()
    case = {"case": name, "loss": loss, "kwargs": kwargs, "input": inp, "target": target}
    if weights is not None:
        case["weights"] = weights
    if note:
        case["note"] = note
    case.update({"value": value.item(), "grad": x.grad.tolist()})
    finite([case["value"]] + [v for row in (case["grad"] if isinstance(case["grad"][0], list) else [case["grad"]]) for v in row], name)
    print(f"loss {name}: value {case['value']:.10g}, max |grad| {x.grad.abs().max().item():.4g}")
    return case


def weighted(per_sample, w):
    w = torch.tensor(w, dtype=D)
    return (w * per_sample).sum() / w.sum()


def losses():
    logits = [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0], [-1.2, 0.3, 3.0], [0.0, 0.0, 0.0]]
    classes = [0, 1, 1, 2]
    large = [[1000.0, 0.0, -1000.0], [30.0, 31.0, 29.0], [-50.0, 50.0, 0.0], [1e-3, -1e-3, 0.0]]
    large_classes = [2, 0, 1, 1]
    sample_w = [1.0, 2.0, 0.5, 3.0]
    class_w = [0.5, 2.0, 1.0]
    soft = [[0.7, 0.2, 0.1], [0.0, 1.0, 0.0], [0.25, 0.25, 0.5], [0.5, 0.0, 0.5]]
    ce = torch.nn.CrossEntropyLoss()
    cases = [
        loss_case("cross_entropy", "CrossEntropyLoss", {"reduction": "mean"}, logits, classes,
                  lambda z: ce(z, torch.tensor(classes))),
        loss_case("cross_entropy_large_logits", "CrossEntropyLoss", {"reduction": "mean"}, large, large_classes,
                  lambda z: ce(z, torch.tensor(large_classes))),
        loss_case("cross_entropy_sample_weights", "CrossEntropyLoss", {"reduction": "none", "then": "sum(w l) / sum(w)"},
                  logits, classes, lambda z: weighted(F.cross_entropy(z, torch.tensor(classes), reduction="none"), sample_w),
                  weights=sample_w, note="per-sample weights: loss = sum_i w_i l_i / sum_i w_i"),
        loss_case("cross_entropy_label_smoothing", "CrossEntropyLoss", {"reduction": "mean", "label_smoothing": 0.1}, logits, classes,
                  lambda z: F.cross_entropy(z, torch.tensor(classes), label_smoothing=0.1),
                  note="target (1 - 0.1) onehot + 0.1 / 3"),
        loss_case("cross_entropy_label_smoothing_sample_weights", "CrossEntropyLoss",
                  {"reduction": "none", "label_smoothing": 0.2, "then": "sum(w l) / sum(w)"}, logits, classes,
                  lambda z: weighted(F.cross_entropy(z, torch.tensor(classes), reduction="none", label_smoothing=0.2), sample_w),
                  weights=sample_w),
        loss_case("cross_entropy_probabilities", "CrossEntropyLoss", {"reduction": "mean"}, logits, soft,
                  lambda z: F.cross_entropy(z, torch.tensor(soft, dtype=D)), note="class-probability targets (as mixup makes them)"),
        loss_case("cross_entropy_probabilities_label_smoothing", "CrossEntropyLoss", {"reduction": "mean", "label_smoothing": 0.1}, logits,
                  soft, lambda z: F.cross_entropy(z, torch.tensor(soft, dtype=D), label_smoothing=0.1),
                  note="class-probability targets smoothed: (1 - 0.1) p + 0.1 / 3"),
        loss_case("member_mean_cross_entropy", "mean over members of CrossEntropyLoss", {"reduction": "mean", "members": 2},
                  logits + large, classes,
                  lambda z: (ce(z[:4], torch.tensor(classes)) + ce(z[4:], torch.tensor(classes))) / 2,
                  note="an ensemble of 2 members: input = member 1's 4 rows, then member 2's; loss = the mean of the members' losses"),
        loss_case("cross_entropy_class_weights", "CrossEntropyLoss", {"reduction": "mean", "weight": class_w}, logits, classes,
                  lambda z: F.cross_entropy(z, torch.tensor(classes), weight=torch.tensor(class_w, dtype=D)),
                  weights=[class_w[c] for c in classes],
                  note="torch's per-class weight: mean = sum_i w[y_i] l_i / sum_i w[y_i]; 'weights' lists w[y_i] per sample"),
    ]
    bin_logits = [1.5, -0.5, 0.0, -3.0, 40.0, -40.0]
    bin_target = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0]
    bin_w = [1.0, 0.5, 2.0, 1.0, 0.25, 3.0]
    ml_logits = [[2.0, -1.0, 0.5], [-0.3, 0.8, -2.2], [4.0, 0.0, -4.0], [-100.0, 100.0, 0.1]]
    ml_target = [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0], [1.0, 0.0, 1.0]]
    bce = torch.nn.BCEWithLogitsLoss()
    cases += [
        loss_case("bce_with_logits", "BCEWithLogitsLoss", {"reduction": "mean"}, bin_logits, bin_target,
                  lambda z: bce(z, torch.tensor(bin_target, dtype=D))),
        loss_case("bce_with_logits_sample_weights", "BCEWithLogitsLoss", {"reduction": "none", "then": "sum(w l) / sum(w)"},
                  bin_logits, bin_target,
                  lambda z: weighted(F.binary_cross_entropy_with_logits(z, torch.tensor(bin_target, dtype=D), reduction="none"),
                                     bin_w),
                  weights=bin_w, note="per-sample weights: loss = sum_i w_i l_i / sum_i w_i"),
        loss_case("bce_with_logits_multilabel", "BCEWithLogitsLoss", {"reduction": "mean"}, ml_logits, ml_target,
                  lambda z: bce(z, torch.tensor(ml_target, dtype=D)), note="mean over all 4 x 3 elements"),
    ]
    pred = [[0.5, -1.0, 2.0], [3.0, 0.0, -0.25], [1.0, 1.0, 1.0], [-2.0, 4.5, 0.75]]
    tgt = [[0.0, -1.0, 0.5], [1.0, 0.0, -1.25], [0.0, 2.0, 1.5], [-2.5, 1.0, 0.75]]
    # differences pred - tgt: [[0.5, 0, 1.5], [2, 0, 1], [1, -1, -0.5], [0.5, 3.5, 0]]: three exact zeros (L1's gradient
    # there is sign(0) = 0) and four with |d| = delta = 1 exactly (Huber's two branches meet: gradient d / n)
    for name, loss, kwargs, fn in (
            ("mse", "MSELoss", {"reduction": "mean"}, lambda z: F.mse_loss(z, torch.tensor(tgt, dtype=D))),
            ("l1", "L1Loss", {"reduction": "mean"}, lambda z: F.l1_loss(z, torch.tensor(tgt, dtype=D))),
            ("huber", "HuberLoss", {"reduction": "mean", "delta": 1.0},
             lambda z: F.huber_loss(z, torch.tensor(tgt, dtype=D), delta=1.0))):
        cases.append(loss_case(name, loss, kwargs, pred, tgt, fn, note="input = predictions, mean over all 4 x 3 elements"))
    cases.append(loss_case("member_mean_mse", "mean over members of MSELoss", {"reduction": "mean", "members": 3}, pred * 3, tgt,
                           lambda z: sum(F.mse_loss(z[4 * i:4 * i + 4], torch.tensor(tgt, dtype=D)) for i in range(3)) / 3,
                           note="an ensemble of 3 members, each predicting all 4 rows (the same predictions here)"))
    doc = header("losses", "value = the loss (reduction mean unless noted); grad = d value / d input (logits for "
                           "CrossEntropyLoss / BCEWithLogitsLoss, predictions for MSE / L1 / Huber), same shape as input. "
                           "Weighted cases: loss = sum_i w_i l_i / sum_i w_i over samples i.")
    doc["cases"] = cases
    return doc


def main():
    torch.set_num_threads(1)
    for name, doc in (("activations.json", activations()), ("losses.json", losses())):
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(doc, f, indent=1)


if __name__ == "__main__":
    main()
