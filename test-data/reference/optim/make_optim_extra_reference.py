#!/usr/bin/python3
"""More PyTorch reference trajectories for Dendrite's optimizer parity tests: optim_extra_<problem>_<dtype>.json.

Run from the repository root with Debian's python3-torch (1.13):
    /usr/bin/python3 test-data/reference/optim/make_optim_extra_reference.py

Same problems, dtypes, step counts, start points and file layout as make_optim_reference.py (whose
run() this reuses; its own files are not rewritten, see below). Two groups of cases:

  EXTRA_CASES      constant learning rate, combinations the first file lacks: Adadelta at lr != 1
                   (every case there runs at 1.0, so an Adadelta that ignored lr passed), SGD Nesterov
                   with weight decay, Adam AMSGrad with (coupled) weight decay.
  SCHEDULED_CASES  the learning rate changes before every step: param_group["lr"] = lr * FACTORS[k % 8]
                   before step k + 1 (what a trainer's schedule does between steps), so each step's
                   update must use the rate of that step: PyTorch's SGD/RMSprop momentum scales the
                   whole buffer by the current rate, AdamW's decoupled decay is w *= 1 - lr_t wd,
                   Adagrad's lr_decay divides the current rate. Each case records the rates it used
                   as "lr_schedule" (options.lr is the constructor's rate, = lr_schedule[0]).

Why a second file set: regenerating make_optim_reference.py's files on another machine does not
reproduce them bit for bit (float64 MLP gradients differ in the last ulp with the BLAS/CPU, and
L-BFGS's line searches then diverge), so its files are kept as they were generated and the new
cases are written here, by the same code.
"""

import torch

from make_optim_reference import CONVENTIONS, mlp_problem, run, write

# (id, optimizer class, kwargs, lr for rosenbrock, lr for mlp), as make_optim_reference.CASES
EXTRA_CASES = [
    ("adadelta_lr_wd", "Adadelta", {"weight_decay": 0.01}, 0.5, 0.5),
    ("sgd_nesterov_wd", "SGD", {"momentum": 0.9, "nesterov": True, "weight_decay": 0.01}, 2e-4, 0.1),
    ("adam_amsgrad_wd", "Adam", {"amsgrad": True, "weight_decay": 0.01}, 0.05, 0.01),
]

# multipliers of the case's lr, cycled: the rate changes at every step, up and down, by up to 20x
FACTORS = (1.0, 0.5, 1.5, 0.25, 2.0, 0.75, 1.25, 0.1)

SCHEDULED_CASES = [
    ("sgd_momentum_schedule", "SGD", {"momentum": 0.9}, 2e-4, 0.1),
    ("sgd_nesterov_wd_schedule", "SGD", {"momentum": 0.9, "nesterov": True, "weight_decay": 0.01}, 2e-4, 0.1),
    ("adagrad_lr_decay_wd_schedule", "Adagrad", {"lr_decay": 0.01, "weight_decay": 0.01}, 0.1, 0.1),
    ("rmsprop_schedule", "RMSprop", {}, 0.01, 0.01),
    ("rmsprop_centered_momentum_wd_schedule", "RMSprop", {"centered": True, "momentum": 0.5, "weight_decay": 0.01}, 0.005, 0.005),
    ("adadelta_wd_schedule", "Adadelta", {"weight_decay": 0.01}, 0.5, 0.5),
    ("adam_schedule", "Adam", {}, 0.05, 0.01),
    ("adam_amsgrad_wd_schedule", "Adam", {"amsgrad": True, "weight_decay": 0.01}, 0.05, 0.01),
    ("adamw_schedule", "AdamW", {"weight_decay": 0.1}, 0.05, 0.01),
    ("adamax_schedule", "Adamax", {}, 0.05, 0.02),
    ("nadam_schedule", "NAdam", {}, 0.05, 0.02),
]

EXTRA_CONVENTIONS = CONVENTIONS + (" Cases with lr_schedule: lr_schedule[k] is param_group['lr'] during step k+1 (set just "
                                   "before it, = options.lr * " + repr(list(FACTORS)) + "[k % 8]); options.lr is the rate "
                                   "the optimizer was constructed with.")


def main():
    torch.set_num_threads(1)
    prob = mlp_problem()
    write("optim_extra_", "make_optim_extra_reference.py", EXTRA_CONVENTIONS, lambda problem, dtype:
          [run(problem, dtype, c, prob) for c in EXTRA_CASES] + [run(problem, dtype, c, prob, FACTORS) for c in SCHEDULED_CASES])


if __name__ == "__main__":
    main()
