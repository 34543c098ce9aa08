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
  layers.json       batch norm (training: batch statistics and the running ones after the step; inference), layer
                    norm, PReLU (a slope per unit, one shared), RReLU at inference, alpha dropout with torch's mask, and
                    the documented formulas of Dendrite's scale layer and periodic embedding (no torch module):
                    output, input gradient and parameter gradients for a fixed upstream gradient.
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


# ---------------------------------------------------------------- layers with state or parameters

def layer_case(name, module, kwargs, x, upstream, run, params, note=None):
    """run(x) -> y with module's parameters set from params (name -> values); records y, dx = upstream^T dy/dx and each
    parameter's gradient."""
    xt = torch.tensor(x, dtype=D, requires_grad=True)
    tensors = {k: torch.tensor(v, dtype=D, requires_grad=True) for k, v in params.items()}
    y = run(xt, tensors)
    (y * torch.tensor(upstream, dtype=D)).sum().backward()
    case = {"case": name, "module": module, "kwargs": kwargs, "input": x, "upstream": upstream, "params": params,
            "output": y.detach().tolist(), "input_grad": xt.grad.tolist(),
            "param_grads": {k: t.grad.tolist() for k, t in tensors.items()}}
    if note:
        case["note"] = note
    finite([v for row in case["output"] + case["input_grad"] for v in row], name)
    print(f"layer {name}: y[0] {[round(v, 6) for v in case['output'][0]]}")
    return case


def layers():
    x = [[0.5, -1.2, 2.0, 0.0], [1.5, 0.3, -0.7, -2.2], [-0.4, 2.2, 0.9, 1.1], [0.0, -0.5, -1.5, 0.6], [2.4, 1.0, 0.1, -0.9]]
    up = [[0.3, -1.0, 0.5, 0.2], [1.1, 0.4, -0.6, 0.0], [-0.7, 0.25, 0.9, -1.3], [0.05, 0.6, -0.2, 0.8], [-0.4, -0.9, 1.2, 0.35]]
    gamma, beta = [1.5, 0.8, -0.6, 1.1], [0.1, -0.3, 0.0, 0.7]
    eps, momentum = 1e-5, 0.1
    cases = []
    # batch norm, training: batch statistics (biased variance), running statistics updated with the unbiased variance
    bn = torch.nn.BatchNorm1d(4, eps=eps, momentum=momentum).double()

    def bn_train(xt, p):
        bn.train()
        with torch.no_grad():
            bn.running_mean.zero_()
            bn.running_var.fill_(1.0)
        return F.batch_norm(xt, bn.running_mean, bn.running_var, p["gamma"], p["beta"], True, momentum, eps)
    c = layer_case("batch_norm_training", "BatchNorm1d", {"eps": eps, "momentum": momentum, "mode": "train"}, x, up, bn_train,
                   {"gamma": gamma, "beta": beta}, note="running statistics start at mean 0, variance 1")
    c["running_mean"], c["running_var"] = bn.running_mean.tolist(), bn.running_var.tolist()
    cases.append(c)
    run_mean, run_var = [0.2, -0.1, 0.5, 0.0], [1.3, 0.6, 2.0, 0.9]
    cases.append(layer_case("batch_norm_inference", "BatchNorm1d", {"eps": eps, "mode": "eval", "running_mean": run_mean,
                                                                   "running_var": run_var}, x, up,
                            lambda xt, p: F.batch_norm(xt, torch.tensor(run_mean, dtype=D), torch.tensor(run_var, dtype=D),
                                                       p["gamma"], p["beta"], False, momentum, eps), {"gamma": gamma, "beta": beta}))
    cases.append(layer_case("layer_norm", "LayerNorm", {"eps": eps}, x, up,
                            lambda xt, p: F.layer_norm(xt, (4,), p["gamma"], p["beta"], eps), {"gamma": gamma, "beta": beta}))
    cases.append(layer_case("prelu_per_unit", "PReLU", {"num_parameters": 4}, x, up, lambda xt, p: F.prelu(xt, p["slope"]),
                            {"slope": [0.25, 0.1, -0.2, 0.5]}))
    cases.append(layer_case("prelu_shared", "PReLU", {"num_parameters": 1}, x, up, lambda xt, p: F.prelu(xt, p["slope"]),
                            {"slope": [0.3]}))
    lower, upper = 0.125, 1 / 3
    cases.append(layer_case("rrelu_inference", "RReLU", {"lower": lower, "upper": upper, "mode": "eval"}, x, up,
                            lambda xt, p: F.rrelu(xt, lower, upper, training=False), {}))
    # Dendrite's own layers, no torch module: their documented formulas, differentiated by autograd
    cases.append(layer_case("scale", "formula", {"rate_factor": 6.0, "formula": "y = x * (6 s)"}, x, up,
                            lambda xt, p: xt * (6.0 * p["scale"]), {"scale": [0.2, -0.05, 0.15, 1 / 6]}))
    d, nf, m = 4, 3, 2
    freq = [[0.3, -0.8, 1.1], [0.05, 0.6, -0.4], [1.5, -0.2, 0.7], [-0.9, 0.35, 0.15]]
    phase = [[0.4, -2.0, 1.3], [3.0, -0.6, 0.1], [-1.1, 2.5, -2.9], [0.0, 0.8, -0.3]]
    weight = [[[(-1) ** (q + k) * 0.1 * (1 + j + q + 2 * k) for k in range(m)] for q in range(nf)] for j in range(d)]
    bias = [[0.05 * (j - k) for k in range(m)] for j in range(d)]
    up_wide = [[round(math.sin(1.3 * i + 0.7 * j), 3) for j in range(d * (m + 1))] for i in range(len(x))]

    def periodic(xt, p):
        h = torch.cos(2 * math.pi * p["frequency"] * xt.unsqueeze(-1) + p["phase"])       # rows x d x F
        e = torch.einsum("rjf,jfm->rjm", h, p["weight"]) + p["bias"]                     # rows x d x m
        return torch.cat([e.reshape(len(x), d * m), xt], dim=1)
    cases.append(layer_case("periodic_embedding", "formula", {"frequencies": nf, "dimensions": m,
                                                              "formula": "e_j = cos(2 pi w_j x_j + b_j) W_j + c_j; output e_1..e_d, x_1..x_d"},
                            x, up_wide, periodic, {"frequency": freq, "phase": phase, "weight": weight, "bias": bias}))
    # only some inputs embedded (the numeric columns' values): their embeddings, then every input
    sub = [1, 3]

    def periodic_inputs(xt, p):
        h = torch.cos(2 * math.pi * p["frequency"] * xt[:, sub].unsqueeze(-1) + p["phase"])
        e = torch.einsum("rjf,jfm->rjm", h, p["weight"]) + p["bias"]
        return torch.cat([e.reshape(len(x), len(sub) * m), xt], dim=1)
    up_sub = [[round(math.sin(0.9 * i + 0.4 * j), 3) for j in range(len(sub) * m + d)] for i in range(len(x))]
    cases.append(layer_case("periodic_embedding_inputs", "formula", {"frequencies": nf, "dimensions": m, "inputs": sub,
                                                                     "formula": "e_j as above for j in inputs; output e_1, e_3, x_1..x_d"},
                            x, up_sub, periodic_inputs, {"frequency": [freq[j] for j in sub], "phase": [phase[j] for j in sub],
                                                         "weight": [weight[j] for j in sub], "bias": [bias[j] for j in sub]}))
    # alpha dropout: torch draws its own mask; the mask is read back from torch's output (a dropped unit's value is the same
    # constant for every unit), and recorded for the test to impose
    torch.manual_seed(3)
    rate = 0.3
    xt = torch.tensor(x, dtype=D, requires_grad=True)
    y = F.alpha_dropout(xt, rate, training=True)
    (y * torch.tensor(up, dtype=D)).sum().backward()
    alpha = 1.7580993408473766
    a = 1 / math.sqrt((alpha * alpha * rate + 1) * (1 - rate))
    dropped_value = -alpha * a * (1 - rate)
    mask = [[0.0 if abs(v - dropped_value) < 1e-12 else 1.0 for v in row] for row in y.detach().tolist()]
    kept = [a * xv + alpha * a * rate for row in x for xv in row]
    for m, yv, k in zip([v for row in mask for v in row], [v for row in y.detach().tolist() for v in row], kept):
        if m == 1.0 and abs(yv - k) > 1e-12:
            raise SystemExit("alpha dropout: a kept unit does not follow a x + b")
    if not (0 < sum(v for row in mask for v in row) < 20):
        raise SystemExit("alpha dropout: the seed should keep some units and drop some")
    cases.append({"case": "alpha_dropout", "module": "AlphaDropout", "kwargs": {"p": rate, "mode": "train"}, "input": x, "upstream": up,
                  "params": {}, "mask": mask, "output": y.detach().tolist(), "input_grad": xt.grad.tolist(), "param_grads": {},
                  "note": "mask: 1 kept, 0 dropped, read from torch's output (seed 3)"})
    doc = header("layers", "output = the layer's output for input (rows x features); input_grad = d sum(upstream * output) / d input; "
                           "param_grads likewise for each parameter (gamma, beta: BatchNorm/LayerNorm's weight and bias; slope: PReLU's "
                           "weight; scale and the periodic embedding's parameters as the formulas name them, row-major)")
    doc["cases"] = cases
    return doc


def main():
    torch.set_num_threads(1)
    for name, doc in (("activations.json", activations()), ("losses.json", losses()), ("layers.json", layers())):
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(doc, f, indent=1)


if __name__ == "__main__":
    main()
