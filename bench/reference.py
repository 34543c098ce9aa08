#!/usr/bin/python3
"""PyTorch and scikit-learn on the performance workloads W1-W3, for bench/run.

Usage (Debian's /usr/bin/python3 with python3-torch 1.13 and python3-sklearn 1.2.1):
    reference.py pytorch|sklearn W1|W2|W3 [repetitions]

Thread counts are set by the caller through the environment before this process starts:
OPENBLAS_NUM_THREADS for OpenBLAS and BENCH_TORCH_THREADS for torch.set_num_threads.

Same workloads as Dendrite's ThroughputBenchmark: an MLP 784-256-128-10 (ReLU), softmax
cross-entropy, Adam lr 1e-3 without weight decay, on 60 000 rows of N(0, 1) features with uniform
random labels over 10 classes. W1: training, minibatch 128; W2: training, minibatch 32; W3:
inference (class probabilities) in batches of 1024. Training measures one shuffled epoch after one
warm-up epoch. Prints SAMPLE lines per repetition and one RESULT line: the median samples/s.
"""
import os
import statistics
import sys
import time

import numpy as np

ROWS, INPUTS, CLASSES = 60000, 784, 10
BATCH = {"W1": 128, "W2": 32, "W3": 1024}


def data(dtype):
    rng = np.random.default_rng(42)
    x = rng.standard_normal((ROWS, INPUTS)).astype(dtype)
    y = rng.integers(0, CLASSES, ROWS)
    return x, y


def pytorch(workload, reps):
    import torch
    torch.set_num_threads(int(os.environ.get("BENCH_TORCH_THREADS", "1")))
    torch.manual_seed(0)
    x, y = data(np.float32)
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    model = torch.nn.Sequential(torch.nn.Linear(INPUTS, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                                torch.nn.Linear(128, CLASSES))
    batch = BATCH[workload]
    if workload == "W3":
        model.eval()

        def epoch():
            with torch.no_grad():
                for s in range(0, ROWS, batch):
                    torch.softmax(model(x[s:s + batch]), dim=1)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = torch.nn.CrossEntropyLoss()

        def epoch():
            order = torch.randperm(ROWS)
            for s in range(0, ROWS, batch):
                idx = order[s:s + batch]
                opt.zero_grad()
                loss = loss_fn(model(x[idx]), y[idx])
                loss.backward()
                opt.step()
    return measure(epoch, reps)


def sklearn(workload, reps):
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    warnings.simplefilter("ignore", ConvergenceWarning)
    x, y = data(np.float64)  # what a user passes by default; scikit-learn's MLP computes in the input's float type
    batch = BATCH[workload]
    clf = MLPClassifier(hidden_layer_sizes=(256, 128), activation="relu", solver="adam", alpha=0.0, learning_rate_init=1e-3,
                        batch_size=128 if workload == "W3" else batch, shuffle=True, random_state=0)
    classes = np.arange(CLASSES)
    if workload == "W3":
        clf.partial_fit(x, y, classes=classes)

        def epoch():
            for s in range(0, ROWS, batch):
                clf.predict_proba(x[s:s + batch])
    else:
        def epoch():
            clf.partial_fit(x, y, classes=classes)  # one pass over shuffled minibatches
    return measure(epoch, reps)


def measure(epoch, reps):
    epoch()  # warm-up
    rates = []
    for _ in range(reps):
        t0 = time.perf_counter()
        epoch()
        rates.append(ROWS / (time.perf_counter() - t0))
    return rates


def peak_rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return "?"


def main():
    system, workload = sys.argv[1], sys.argv[2]
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    rates = {"pytorch": pytorch, "sklearn": sklearn}[system](workload, reps)
    config = "torch_threads=%s OPENBLAS_NUM_THREADS=%s" % (os.environ.get("BENCH_TORCH_THREADS", "-") if system == "pytorch" else "-",
                                                          os.environ.get("OPENBLAS_NUM_THREADS", "unset"))
    for r in rates:
        print("SAMPLE %s %s %.0f %s" % (workload, system, r, config))
    print("RESULT %s %s %.0f (min %.0f, max %.0f, n %d, peak RSS %s MiB, %s)" % (
        workload, system, statistics.median(rates), min(rates), max(rates), len(rates), peak_rss_mib(), config))


if __name__ == "__main__":
    main()
