#!/usr/bin/python3
"""Logistic-regression baselines for Dendrite's learning tests.

For each dataset: stratified 5-fold cross-validation (scikit-learn's StratifiedKFold, shuffled,
random_state=0); in each fold preprocessing fitted on the training rows (numeric: mean imputation and
standardization; nominal: mode imputation and one-hot, as Dendrite does) and scikit-learn's
LogisticRegression (lbfgs, C=1, multinomial for >2 classes). Writes each row's fold and the
cross-validated accuracy to logreg_baselines.json; the Java test trains Dendrite on the same folds
and must reach at least this accuracy.

Run from the repository root with Debian's python3-sklearn:
    /usr/bin/python3 test-data/reference/learning/make_logreg_reference.py
"""
import csv
import json
import os

import numpy as np
import sklearn
from scipy.io import arff
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import OneHotEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "datasets")


def load_arff(name):
    """Numeric attributes as floats, nominal ones as strings ('?' = missing: NaN / None)."""
    data, meta = arff.loadarff(os.path.join(DATA, name))
    names = meta.names()
    nominal = [meta[n][0] == "nominal" for n in names[:-1]]
    rows = []
    for row in data:
        r = []
        for n, nom in zip(names[:-1], nominal):
            v = row[n]
            if nom:
                v = v.decode()
                r.append(None if v == "?" else v)
            else:
                r.append(float(v))
        rows.append(r)
    x = np.array(rows, dtype=object)
    y = np.array([row[names[-1]].decode() for row in data])
    return x, y, nominal


def load_csv(name):
    with open(os.path.join(DATA, name)) as f:
        rows = list(csv.reader(f))
    x = np.array([[float(v) for v in r[:-1]] for r in rows[1:]], dtype=object)
    y = np.array([r[-1] for r in rows[1:]])
    return x, y, [False] * x.shape[1]


def pipeline(nominal):
    """Mean-imputed standardized numeric columns, mode-imputed one-hot nominal ones, then logistic regression."""
    num = [i for i, n in enumerate(nominal) if not n]
    nom = [i for i, n in enumerate(nominal) if n]
    pre = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()), num),
        ("nom", make_pipeline(SimpleImputer(strategy="most_frequent", missing_values=None),
                              OneHotEncoder(handle_unknown="ignore")), nom),
    ])
    return make_pipeline(pre, LogisticRegression(max_iter=10000))


def baseline(name, x, y, nominal):
    fold = np.zeros(len(y), dtype=int)
    correct = 0
    for k, (train, test) in enumerate(StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(x, y)):
        fold[test] = k
        model = pipeline(nominal).fit(x[train], y[train])
        correct += int((model.predict(x[test]) == y[test]).sum())
    acc = correct / len(y)
    print(f"{name}: {len(y)} rows, 5-fold logistic regression accuracy {acc:.4f}")
    return {"dataset": name, "fold": fold.tolist(), "logreg_cv_accuracy": acc}


def main():
    cases = [
        baseline("iris.arff", *load_arff("iris.arff")),
        baseline("wisconsin-breast-cancer.csv", *load_csv("wisconsin-breast-cancer.csv")),
        baseline("diabetes.arff", *load_arff("diabetes.arff")),
        baseline("breast-cancer.arff", *load_arff("breast-cancer.arff")),
        baseline("credit-g.arff", *load_arff("credit-g.arff")),
    ]
    out = {"generated_by": "make_logreg_reference.py", "sklearn_version": sklearn.__version__, "cases": cases}
    with open(os.path.join(HERE, "logreg_baselines.json"), "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
