"""Expected predictions of the committed format-version-1 model, computed independently of Dendrite.

Reads shared-core/src/test/resources/models/v1-classifier.json and evaluates its network with numpy in
float64, from the format's documented meaning (docs/model-format.md): numeric columns (x - center) / scale,
missing values imputed with the center, nominal columns one-hot with the mode for missing, a missing
indicator after each column that has one, then ZCA whitening x' = T (x - mean); dense weights stored
in x out row-major; batch norm at inference (x - running_mean) / sqrt(running_var + 1e-5) * gamma + beta;
tanh, SELU; dropout is the identity at inference; softmax output. Writes v1-classifier-predictions.json
(rows, with null for missing, and the class probabilities).

Run: /usr/bin/python3 test-data/reference/models/make_v1_predictions.py
"""
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "..", "..", "..", "shared-core", "src", "test", "resources", "models", "v1-classifier.json")

ROWS = [  # a (numeric), b (nominal index into x, y, z), c (numeric); None = missing
    [2.0, 0, 0.5],
    [-3.5, 1, -1.25],
    [7.25, 2, None],
    [None, 1, 0.0],
    [0.0, None, 2.5],
    [12.0, 0, -3.0],
]


def main():
    m = json.load(open(MODEL))
    pp, params, buffers = m["preprocessing"], m["parameters"], m["buffers"]
    cols = pp["columns"]
    features = []
    for row in ROWS:
        out = []
        for c, col in enumerate(cols):
            v = row[c]
            missing = v is None
            if col["categories"]:
                idx = int(pp["center"][c]) if missing else v
                out += [1.0 if i == idx else 0.0 for i in range(len(col["categories"]))]
            else:
                x = pp["center"][c] if missing else v
                out.append((x - pp["center"][c]) / pp["scale"][c])
            if pp["indicator"][c]:
                out.append(1.0 if missing else 0.0)
        features.append(out)
    x = np.array(features)
    w = pp["whitening"]
    d = len(w["mean"])
    t = np.array(w["transform"]).reshape(d, d)
    x = (x - np.array(w["mean"])) @ t.T

    def dense(h, name, units):
        wm = np.array(params[name + ".weight"]).reshape(h.shape[1], units)
        z = h @ wm
        if name + ".bias" in params:
            z = z + np.array(params[name + ".bias"])
        return z

    layers = m["network"]["spec"]["layers"]
    h = x
    for k, spec in enumerate(layers):
        z = dense(h, str(k), spec["units"])
        if spec["batchNorm"] == "before_activation":
            rm, rv = np.array(buffers[f"{k}.bn.running_mean"]), np.array(buffers[f"{k}.bn.running_var"])
            z = (z - rm) / np.sqrt(rv + 1e-5) * np.array(params[f"{k}.bn.gamma"]) + np.array(params[f"{k}.bn.beta"])
        if spec["activation"] == "tanh":
            z = np.tanh(z)
        elif spec["activation"] == "selu":
            alpha, scale = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
            z = scale * np.where(z > 0, z, alpha * (np.exp(z) - 1))
        else:
            raise SystemExit("unexpected activation " + spec["activation"])
        h = z
    logits = dense(h, "output", m["network"]["outputWidth"])
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    json.dump({"source": "make_v1_predictions.py: numpy float64 forward pass of v1-classifier.json",
               "rows": ROWS, "probabilities": p.tolist()}, open(os.path.join(HERE, "v1-classifier-predictions.json"), "w"), indent=1)
    print(p)


if __name__ == "__main__":
    main()
