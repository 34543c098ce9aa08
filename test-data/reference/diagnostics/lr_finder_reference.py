# Independent reference for LrFinderReferenceTest: fast.ai's lr_find conventions written with numpy.
# Smoothing: fastai Recorder's AvgSmoothLoss(beta=0.98): mov = beta*mov + (1-beta)*loss; smooth = mov / (1 - beta**(i+1)).
# Rates: SchedExp(start, end) at pct = train_iter / num_it: start * (end/start) ** (i/num_it), i = 0..num_it-1.
# Stop: after the batch whose smoothed loss exceeds 4x the best smoothed loss so far (that batch is recorded).
import numpy as np

losses = np.array([2.0, 1.5, 1.8, 1.2, 0.9, 1.1, 0.7, 3.0, 9.0, 40.0, 0.5])
beta = 0.98
mov, smooth = 0.0, []
for i, l in enumerate(losses):
    mov = beta * mov + (1 - beta) * l
    smooth.append(mov / (1 - beta ** (i + 1)))
smooth = np.array(smooth)
best = np.minimum.accumulate(smooth)
stop = next((i for i in range(len(smooth)) if smooth[i] > 4 * best[i]), len(smooth) - 1)
print("smoothed", repr(smooth.tolist()))
print("stop index (inclusive)", stop)
print("rates 1e-3..1e6 over 50 steps, i=0,25,49:", [1e-3 * (1e6 / 1e-3) ** (i / 50) for i in (0, 25, 49)])
