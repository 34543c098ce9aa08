#!/usr/bin/python3
"""Reference for RoundsReferenceTest.outerNesterovFollowsTorchsSgdOnThePseudoGradient (DiLoCo's outer step).

Run with Debian's python3-torch 1.13:  /usr/bin/python3 test-data/reference/rounds/make_outer_reference.py

Two shards of instance-weight sums 3 and 1 whose "local steps" move theta a fraction c_i toward a
target t_i (in float32: theta_i = theta - c_i (theta - t_i)). Each round (Douillard et al. 2023,
Algorithm 1): outer gradient = theta - (3 theta_1 + theta_2) / 4, applied by
torch.optim.SGD(lr=0.7, momentum=0.9, nesterov=True). Prints theta after each of 6 rounds.
"""
import numpy as np
import torch

theta0 = np.array([0.5, -1.25, 2.0], dtype=np.float32)
targets = [np.array([1.0, 1.0, -1.0], dtype=np.float32), np.array([-2.0, 0.5, 3.0], dtype=np.float32)]
c = [np.float32(0.5), np.float32(0.2)]
shares = [3.0, 1.0]

theta = torch.tensor(theta0.copy(), dtype=torch.float32, requires_grad=True)
opt = torch.optim.SGD([theta], lr=0.7, momentum=0.9, nesterov=True)
for r in range(6):
    w = theta.detach().numpy().astype(np.float32)
    local = [(w - ci * (w - ti)).astype(np.float32) for ci, ti in zip(c, targets)]
    mean = sum(s * l.astype(np.float64) for s, l in zip(shares, local)) / sum(shares)
    theta.grad = torch.tensor((w.astype(np.float64) - mean).astype(np.float32))
    opt.step()
    print("{" + ", ".join("%.9gf" % v for v in theta.detach().numpy()) + "},")
