#!/usr/bin/python3
"""Writes scikit-learn's bundled Wisconsin breast-cancer and diabetes (regression) data as CSV and ARFF.

Run from the repository root with Debian's python3-sklearn:
    /usr/bin/python3 test-data/datasets/make_sklearn_datasets.py
Deterministic: the rows come in scikit-learn's order; numbers are written with repr (round-trip exact).
"""
import os

import sklearn
from sklearn.datasets import load_breast_cancer, load_diabetes

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, relation, header, rows, target, target_values=None):
    with open(os.path.join(HERE, name + ".csv"), "w") as f:
        f.write(",".join(header + [target]) + "\n")
        for r in rows:
            f.write(",".join(repr(float(v)) if not isinstance(v, str) else v for v in r) + "\n")
    with open(os.path.join(HERE, name + ".arff"), "w") as f:
        f.write(f"% {relation}: written by make_sklearn_datasets.py from scikit-learn {sklearn.__version__}\n")
        f.write(f"@relation {relation}\n\n")
        for h in header:
            f.write(f"@attribute '{h}' numeric\n")
        if target_values:
            f.write(f"@attribute {target} {{{','.join(target_values)}}}\n")
        else:
            f.write(f"@attribute {target} numeric\n")
        f.write("\n@data\n")
        for r in rows:
            f.write(",".join(repr(float(v)) if not isinstance(v, str) else v for v in r) + "\n")


def main():
    bc = load_breast_cancer()
    names = list(bc.target_names)  # ['malignant', 'benign']
    rows = [list(x) + [names[t]] for x, t in zip(bc.data, bc.target)]
    write("wisconsin-breast-cancer", "wisconsin-breast-cancer", [n.replace(" ", "_") for n in bc.feature_names], rows,
          "diagnosis", names)
    db = load_diabetes(scaled=False)
    rows = [list(x) + [t] for x, t in zip(db.data, db.target)]
    write("diabetes-regression", "diabetes-regression", list(db.feature_names), rows, "progression")


if __name__ == "__main__":
    main()
