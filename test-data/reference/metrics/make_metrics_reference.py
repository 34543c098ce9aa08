#!/usr/bin/python3
"""scikit-learn / numpy reference values for Dendrite's evaluation metrics and input preprocessing.

Run from the repository root with Debian's python3-sklearn and python3-numpy:
    /usr/bin/python3 test-data/reference/metrics/make_metrics_reference.py

Writes metrics.json and preprocessing.json next to this script, from random cases drawn with
numpy.random.default_rng(20261208). Every input is written as the exact double it is (Python's repr);
instance weights and the whitening inputs are float32 values written as the double they convert to,
since Dendrite holds those in float32.

Each value is scikit-learn's where scikit-learn computes Dendrite's documented definition, and
otherwise numpy's arithmetic of that definition; the "source" of every value says which, and where
Dendrite's definition differs from scikit-learn's the note says how:

- ROC AUC: roc_auc_score (ties count one half), binary with sample_weight; multiclass one-vs-rest
  with average='macro' (Dendrite's Metrics.rocAucOneVsRest and Evaluation: macro, not weighted by
  class frequency). A class absent from y_true makes scikit-learn raise; Dendrite skips it, so for
  the case "absent_class" the value is the mean of scikit-learn's binary AUCs of the present classes.
- PR AUC: average_precision_score (sum over thresholds of (R_n - R_{n-1}) P_n, no interpolation),
  which is the definition Dendrite's Metrics.prAuc claims; multiclass: macro mean over classes.
- Log loss: log_loss with eps=1e-15, labels given. scikit-learn 1.2 clips to [eps, 1 - eps] and then
  renormalizes each row; Dendrite clips the true class's probability to [1e-15, 1] and does not
  renormalize. On these rows (each summing to 1 within rounding) the two differ by < 1e-14.
- Accuracy: accuracy_score of numpy's argmax (the first of tied maxima, as Dendrite's argmax).
- Top-2 accuracy: Dendrite ranks tied probabilities by class index (the lower first, as argmax);
  scikit-learn's top_k_accuracy_score ranks ties by a reversed stable sort (the higher first), so
  on rows with ties the two differ. Computed with numpy by Dendrite's rule ("source": "numpy").
- Confusion matrix, per-class precision / recall / F1 and their macro means: confusion_matrix and
  precision_recall_fscore_support(zero_division=0) with sample_weight, on numpy's argmax.
- Regression: mean_squared_error, mean_absolute_error, r2_score with sample_weight.
- Standard scaling: StandardScaler(sample_weight) mean_, var_ (population, ddof 0), sqrt(var_).
- Quantiles: equal weights np.quantile (linear, positions i/(n-1)) and RobustScaler's center_ and
  scale_; unequal weights Dendrite's documented rule (Sample.quantile: sorted value i at position
  C_i - w_i/2 of the total weight, linear between positions, the end values beyond them), which
  numpy and scikit-learn do not have: computed with np.interp ("source": "numpy").
- Whitening: weighted covariance np.cov(aweights, bias=True), eigendecomposition np.linalg.eigh,
  eigenvalues at most 1e-9 x the largest projected out, others scaled by 1/sqrt(lambda + 1e-5);
  ZCA: U S U^T; PCA (its rows' signs and order are arbitrary): T^T T = U S^2 U^T.
- A mixed table: numeric columns StandardScaler(sample_weight; missing values ignored in the fit),
  then missing values filled with 0 (the mean, standardized); nominal columns one-hot over the
  declared categories (OneHotEncoder(categories=...)), a missing value imputed with the weighted
  mode (numpy: the first most frequent category by weight, which is SimpleImputer's most_frequent for
  equal weights; the equal-weights table has a tie for the mode). A declared category without training rows is read as the mode (Dendrite's rule;
  scikit-learn would set its own one-hot column); missing indicators (MissingIndicator, missing-only)
  follow their column.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.impute import MissingIndicator, SimpleImputer
from sklearn.metrics import (accuracy_score, average_precision_score, confusion_matrix, log_loss, mean_absolute_error,
                             mean_squared_error, precision_recall_fscore_support, r2_score, roc_auc_score, top_k_accuracy_score)
from sklearn.preprocessing import OneHotEncoder, RobustScaler, StandardScaler, label_binarize

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261208


def f32(a):
    """float32 values, as the doubles they convert to."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def lst(a):
    return None if a is None else np.asarray(a, dtype=np.float64).tolist()


def header(kind):
    return {"generated_by": "make_metrics_reference.py", "kind": kind, "seed": SEED, "sklearn_version": sklearn.__version__,
            "numpy_version": np.__version__, "see": "the docstring of make_metrics_reference.py for each value's definition"}


def probabilities(rng, n, k, grain):
    """Rows of k probabilities in steps of 1/grain (many ties, zeros included), each summing to 1 within rounding."""
    counts = rng.multinomial(grain, rng.dirichlet(np.ones(k) * 0.7), size=n)
    return counts / grain


def dendrite_topk(p, y, k):
    """Dendrite's rule: classes ranked by probability, ties by index (the lower first)."""
    hits = []
    for row, c in zip(p, y):
        better = np.sum((row > row[c]) | ((row == row[c]) & (np.arange(len(row)) < c)))
        hits.append(better < k)
    return np.array(hits, dtype=float)


def classification_case(name, p, y, w, k, absent=False):
    labels = list(range(k))
    pred = np.argmax(p, axis=1)
    out = {"name": name, "classes": k, "probabilities": lst(p), "actual": [int(v) for v in y], "weights": lst(w)}
    out["accuracy"] = accuracy_score(y, pred, sample_weight=w)
    hits = dendrite_topk(p, y, 2)
    out["top2_accuracy"] = float(np.average(hits, weights=w))
    out["top2_accuracy_source"] = "numpy (Dendrite's tie rule)"
    if k > 2 and not np.any([len(set(r)) < len(r) for r in p]):
        assert abs(out["top2_accuracy"] - top_k_accuracy_score(y, p, k=2, labels=labels, sample_weight=w)) < 1e-15
    out["log_loss"] = log_loss(y, p, eps=1e-15, labels=labels, sample_weight=w)
    cm = confusion_matrix(y, pred, labels=labels, sample_weight=w)
    out["confusion"] = lst(cm)
    pr, rc, f1, _ = precision_recall_fscore_support(y, pred, labels=labels, sample_weight=w, zero_division=0)
    out["precision"], out["recall"], out["f1"] = lst(pr), lst(rc), lst(f1)
    out["macro_precision"], out["macro_recall"], out["macro_f1"] = float(np.mean(pr)), float(np.mean(rc)), float(np.mean(f1))
    if k == 2:
        out["roc_auc"] = roc_auc_score(y, p[:, 1], sample_weight=w)
        out["average_precision"] = average_precision_score(y, p[:, 1], sample_weight=w)
        out["auc_source"] = "roc_auc_score / average_precision_score of the scores p[:, 1]"
    elif not absent:
        out["roc_auc"] = roc_auc_score(y, p, multi_class="ovr", average="macro", labels=labels, sample_weight=w)
        out["average_precision"] = average_precision_score(label_binarize(y, classes=labels), p, average="macro", sample_weight=w)
        out["auc_source"] = "roc_auc_score(multi_class='ovr', average='macro'), average_precision_score(label_binarize(y), average='macro')"
    else:
        present = [c for c in labels if 0 < np.sum(y == c) < len(y)]
        out["roc_auc"] = float(np.mean([roc_auc_score(y == c, p[:, c], sample_weight=w) for c in present]))
        out["average_precision"] = float(np.mean([average_precision_score(y == c, p[:, c], sample_weight=w) for c in present]))
        out["auc_source"] = ("mean of binary roc_auc_score / average_precision_score over the classes present (Dendrite skips an absent "
                             "class; scikit-learn's one-vs-rest raises)")
    return out


def metrics(rng):
    cases = []
    # binary: scores in steps of 0.05 (ties), with and without weights
    for name, n, grain, weighted in (("binary_ties", 60, 20, False), ("binary_ties_weighted", 80, 20, True),
                                      ("binary_fine_weighted", 200, 10 ** 6, True), ("binary_coarse_weighted", 50, 4, True)):
        y = (rng.random(n) < 0.4).astype(int)
        s = np.clip(np.round((rng.normal(0, 1, n) + 1.2 * y) * grain / 4) / grain + 0.5, 0, 1)
        p = np.stack([1 - s, s], axis=1)
        w = f32(rng.uniform(0.1, 3, n)) if weighted else None
        cases.append(classification_case(name, p, y, w, 2))
    # multiclass: probabilities in steps of 1/20 (ties, zeros: log loss clipping), with and without weights
    for name, n, k, grain, weighted in (("three_classes", 90, 3, 20, False), ("four_classes_weighted", 120, 4, 20, True),
                                         ("five_classes_fine_weighted", 300, 5, 10 ** 6, True),
                                         ("three_classes_integer_weights", 40, 3, 10, True)):
        y = rng.integers(0, k, n)
        p = probabilities(rng, n, k, grain)
        # lean the probabilities towards the true class so the metrics are not all near chance
        boost = rng.random(n) < 0.6
        p[boost] = (p[boost] + np.eye(k)[y[boost]]) / 2
        w = (rng.integers(1, 4, n).astype(float) if "integer" in name else f32(rng.uniform(0.05, 4, n))) if weighted else None
        cases.append(classification_case(name, p, y, w, k))
    # a class declared but absent from the rows
    n, k = 50, 4
    y = rng.choice([0, 1, 3], n)
    p = probabilities(rng, n, k, 20)
    w = f32(rng.uniform(0.5, 2, n))
    cases.append(classification_case("absent_class", p, y, w, k, absent=True))

    regression = []
    for name, n, weighted, tail in (("normal", 50, False, False), ("normal_weighted", 120, True, False),
                                     ("heavy_tailed_weighted", 200, True, True), ("large_offset_weighted", 80, True, False)):
        actual = rng.standard_t(1.5, n) * 10 if tail else rng.normal(3, 2, n)
        if name.startswith("large_offset"):
            actual = actual + 1e6
        predicted = actual + rng.normal(0, 1.5, n) + (rng.standard_cauchy(n) if tail else 0)
        w = f32(rng.uniform(0.05, 5, n)) if weighted else None
        regression.append({"name": name, "predicted": lst(predicted), "actual": lst(actual), "weights": lst(w),
                           "mse": mean_squared_error(actual, predicted, sample_weight=w),
                           "rmse": mean_squared_error(actual, predicted, sample_weight=w, squared=False),
                           "mae": mean_absolute_error(actual, predicted, sample_weight=w),
                           "r2": r2_score(actual, predicted, sample_weight=w)})
    doc = header("metrics")
    doc["classification"] = cases
    doc["regression"] = regression
    return doc


def dendrite_quantile(x, w, q):
    """Sample.quantile's weighted rule: sorted value i at position C_i - w_i / 2, linear between, the end values beyond."""
    order = np.argsort(x, kind="stable")
    s, ws = x[order], w[order]
    pos = np.cumsum(ws) - ws / 2
    return float(np.interp(q * np.sum(ws), pos, s))


def column_cases(rng):
    cases = []
    n = 300
    draws = {
        "normal": rng.normal(5, 3, n),
        "lognormal_sigma2": rng.lognormal(0, 2, n),
        "cauchy": rng.standard_cauchy(n),
        "student_t_df1_5_times_1e4": rng.standard_t(1.5, n) * 1e4,
        "offset_1e6": 1e6 + rng.normal(0, 1, n),
        "one_far_value": np.append(rng.uniform(0, 1, n - 1), 1e6),
        "integers_with_ties": rng.integers(0, 6, n).astype(float),
    }
    weights = {"equal": None, "uniform_0.05_5": f32(rng.uniform(0.05, 5, n)), "integers_1_4": rng.integers(1, 5, n).astype(float)}
    for col, x in draws.items():
        for wname, w in weights.items():
            if col == "integers_with_ties" and w is not None:
                continue  # tied values of unequal weights: the weighted rule depends on the order of ties
            ss = StandardScaler().fit(x.reshape(-1, 1), sample_weight=w)
            case = {"name": col + "/" + wname, "values": lst(x), "weights": lst(w), "mean": float(ss.mean_[0]),
                    "variance": float(ss.var_[0]), "standard_deviation": float(np.sqrt(ss.var_[0])),
                    "moments_source": "StandardScaler(sample_weight).mean_, var_"}
            if w is None:
                rs = RobustScaler().fit(x.reshape(-1, 1))
                q = np.quantile(x, [0.25, 0.5, 0.75])
                case.update({"q25": float(q[0]), "median": float(q[1]), "q75": float(q[2]), "robust_center": float(rs.center_[0]),
                             "robust_scale": float(rs.scale_[0]), "quantile_source": "np.quantile (linear), RobustScaler"})
            else:
                q = [dendrite_quantile(x, w, v) for v in (0.25, 0.5, 0.75)]
                case.update({"q25": q[0], "median": q[1], "q75": q[2], "robust_center": q[1], "robust_scale": q[2] - q[0],
                             "quantile_source": "numpy: Dendrite's weighted positions C_i - w_i/2 (Sample.quantile)"})
            cases.append(case)
    return cases


def whitening_cases(rng):
    cases = []
    for name, n, d, weighted, null in (("correlated", 200, 4, False, False), ("correlated_weighted", 150, 5, True, False),
                                        ("with_null_direction_weighted", 120, 5, True, True)):
        a = rng.normal(0, 1, (d, d))
        x = rng.normal(0, 1, (n, d)) @ a + rng.normal(0, 2, d)
        if null:
            # the last two columns are a one-hot block (they sum to 1): a direction without variance
            hot = (rng.random(n) < 0.4).astype(float)
            x[:, -2], x[:, -1] = hot, 1 - hot
        x = f32(x)
        w = f32(rng.uniform(0.1, 3, n)) if weighted else None
        cov = np.cov(x, rowvar=False, aweights=w, bias=True)
        mean = np.average(x, axis=0, weights=w)
        lam, u = np.linalg.eigh(cov)
        s = np.where(lam <= 1e-9 * lam.max(), 0.0, 1 / np.sqrt(np.maximum(lam, 0) + 1e-5))
        zca = u @ np.diag(s) @ u.T
        pca_gram = u @ np.diag(s * s) @ u.T
        cases.append({"name": name, "rows": lst(x), "weights": lst(w), "epsilon": 1e-5, "mean": lst(mean), "covariance": lst(cov),
                      "eigenvalues": lst(lam), "zca": lst(zca), "pca_gram": lst(pca_gram),
                      "projected_out": int(np.sum(s == 0))})
    return cases


def table_case(rng, weighted, indicators):
    """A mixed table: two numeric columns with missing values, two nominal (one with a declared category no training row holds)."""
    n, m = 40, 12
    cats = [["red", "green", "blue"], ["s", "m", "l", "xl"]]

    def draw(rows):
        a = rng.normal(10, 4, rows)
        b = rng.lognormal(0, 1.5, rows)
        c = rng.choice(3, rows, p=[0.5, 0.3, 0.2]).astype(float)
        d = rng.choice(3, rows, p=[0.3, 0.3, 0.4]).astype(float)  # category 3 ("xl") never drawn
        t = np.stack([a, b, c, d], axis=1)
        for j, share in ((0, 0.15), (1, 0.1), (2, 0.1)):
            t[rng.random(rows) < share, j] = np.nan
        return t

    train, test = draw(n), draw(m)
    if not weighted:
        # a tie for the mode: 16 rows each of categories 1 and 2, 8 of 0, two of which are missing; the first (1) is the mode
        colour = np.resize([1.0, 2.0, 1.0, 2.0, 0.0], n)
        colour[[4, 9]] = np.nan
        train[:, 2] = colour
    test[0, 3] = 3  # the declared category without training rows
    test[1, :] = np.nan  # every value missing
    test[1, 3] = 1
    w = f32(rng.uniform(0.2, 3, n)) if weighted else None
    # numeric: weighted standardization fitted on the present values, then the missing filled with the (standardized) mean, 0
    ss = StandardScaler().fit(train[:, :2], sample_weight=w)
    num = np.nan_to_num(ss.transform(test[:, :2]), nan=0.0)
    blocks = []
    modes = []
    for j, cat in zip((2, 3), cats):
        present = ~np.isnan(train[:, j])
        counts = np.bincount(train[present, j].astype(int), weights=None if w is None else w[present], minlength=len(cat))
        mode = int(np.argmax(counts))
        if w is None:
            assert mode == int(SimpleImputer(strategy="most_frequent").fit(train[:, [j]]).statistics_[0])
        modes.append(mode)
        col = test[:, j].copy()
        col[np.isnan(col)] = mode
        col[counts[col.astype(int)] == 0] = mode  # Dendrite: a category without training rows is read as the mode
        enc = OneHotEncoder(categories=[list(range(len(cat)))], sparse_output=False).fit(np.arange(len(cat)).reshape(-1, 1))
        blocks.append(enc.transform(col.astype(int).reshape(-1, 1)))
    parts = [num[:, [0]], num[:, [1]], blocks[0], blocks[1]]
    missing_in_training = [bool(v) for v in np.isnan(train).any(axis=0)]
    if indicators:
        mi = MissingIndicator(features="missing-only").fit(train)
        ind = mi.transform(test).astype(float)
        assert list(mi.features_) == [j for j in range(4) if missing_in_training[j]]
        out = []
        for j in range(4):
            out.append(parts[j])
            if missing_in_training[j]:
                out.append(ind[:, [list(mi.features_).index(j)]])
        parts = out
    expected = np.concatenate(parts, axis=1)
    return {"name": ("weighted" if weighted else "equal_weights") + ("_indicators" if indicators else ""),
            "columns": [{"name": "a"}, {"name": "b"}, {"name": "colour", "categories": cats[0]}, {"name": "size", "categories": cats[1]}],
            "train": [[None if np.isnan(v) else float(v) for v in r] for r in train],
            "test": [[None if np.isnan(v) else float(v) for v in r] for r in test], "weights": lst(w),
            "missing_indicators": indicators, "center": [float(ss.mean_[0]), float(ss.mean_[1]), modes[0], modes[1]],
            "scale": [float(ss.scale_[0]), float(ss.scale_[1]), 1.0, 1.0], "expected": lst(expected)}


def main():
    rng = np.random.default_rng(SEED)
    doc = metrics(rng)
    pre = header("preprocessing")
    pre["columns"] = column_cases(rng)
    pre["whitening"] = whitening_cases(rng)
    pre["tables"] = [table_case(rng, wt, ind) for wt, ind in ((False, False), (True, False), (True, True))]
    for name, d in (("metrics.json", doc), ("preprocessing.json", pre)):
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(d, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
