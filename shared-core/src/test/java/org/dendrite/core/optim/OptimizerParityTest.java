package org.dendrite.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every optimizer against PyTorch 1.13 step for step: {@code test-data/reference/optim/}
 * (make_optim_reference.py) holds, per case, the flat parameters after each step of
 * {@code torch.optim.<X>(**options)} on Rosenbrock's function and on a small MLP, in float32 and
 * float64. Each case is replayed from the same start with the Dendrite optimizer that
 * {@link TorchReference#fromTorch} maps the torch options to, and every parameter after every step
 * is compared with the float32 reference.
 *
 * <p>Tolerance: {@code |a - b| <= 1e-5 max(|a|, |b|) + 1e-6}. On Rosenbrock the gradient is
 * computed in float32 in torch's autograd order, so only the optimizer's arithmetic can differ:
 * there all 26 cases are in fact bit-identical (asserted separately below). On the MLP, Dendrite's
 * forward/backward sums in a different order than torch's (its own GEMM; the loss in double), so
 * gradients differ by a few float32 ulps (~1e-7 relative); 150 steps let that drift to ~1e-6 on
 * parameters of size 0.1-3, which the relative term covers; the 1e-6 absolute floor is for
 * parameters passing near zero, where a relative bound means nothing.
 *
 * <p>Where that cannot hold: in three MLP cases the trajectory itself is unstable, so any
 * rounding difference grows geometrically. The evidence is in the references: PyTorch's own
 * float32 and float64 runs of the same case separate beyond the tolerance at the same steps
 * (NAdam with momentum decay 0.01 and weight decay from step ~120, where the loss starts to
 * oscillate: the perturbation grows ~5x every 5 steps in both comparisons; L-BFGS from its
 * first step, 20 inner iterations driving a separable problem's loss to ~1e-7 where the
 * weights are barely determined). For exactly these listed cases, a step that misses the
 * tolerance passes only if Dendrite's distance from torch float32 is at most
 * {@value #UNSTABLE_FACTOR} times the distance between torch's own float32 and float64 runs at
 * that step, i.e. Dendrite is about as close to PyTorch as PyTorch is to itself; while PyTorch's
 * two runs agree, that bound is tighter than the tolerance, so the early steps are still held to
 * it. A wrong update rule departs from the first step by far more.
 */
class OptimizerParityTest {
    static final double RELATIVE = 1e-5;
    static final double ABSOLUTE = 1e-6;
    static final double UNSTABLE_FACTOR = 4;
    /** Cases whose reference is unstable (see the class comment), per problem. */
    static final Map<String, Set<String>> UNSTABLE = Map.of(
            "rosenbrock", Set.of(),
            "mlp", Set.of("nadam_momentum_decay_wd", "lbfgs_strong_wolfe", "lbfgs_plain"));

    @TestFactory
    List<DynamicTest> rosenbrockMatchesPyTorch() throws IOException {
        return cases("rosenbrock", ParityProblem::rosenbrock);
    }

    @TestFactory
    List<DynamicTest> mlpMatchesPyTorch() throws IOException {
        return cases("mlp", () -> {
            try {
                return ParityProblem.mlp();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Stronger than the tolerance: with float32 gradients in torch's order, every step of every optimizer is bit-identical. */
    @Test
    void rosenbrockFloat32IsBitIdentical() throws IOException {
        for (TorchReference.Case c : TorchReference.cases("optim_rosenbrock_float32.json")) {
            double[][] got = replay(c, ParityProblem.rosenbrock());
            for (int k = 0; k < got.length; k++) {
                assertArrayEquals(c.trajectory()[k], got[k], 0.0, c.id() + " step " + (k + 1));
            }
        }
    }

    private List<DynamicTest> cases(String problem, Supplier<ParityProblem> factory) throws IOException {
        List<TorchReference.Case> f32 = TorchReference.cases("optim_" + problem + "_float32.json");
        List<TorchReference.Case> f64 = TorchReference.cases("optim_" + problem + "_float64.json");
        assertEquals(26, f32.size(), "number of reference cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (int ci = 0; ci < f32.size(); ci++) {
            TorchReference.Case c = f32.get(ci), d = f64.get(ci);
            assertEquals(c.id(), d.id());
            tests.add(DynamicTest.dynamicTest(problem + " " + c.id() + " (" + c.optimizer() + ")",
                    () -> check(problem, c, d, replay(c, factory.get()))));
        }
        return tests;
    }

    static double[][] replay(TorchReference.Case c, ParityProblem p) {
        p.setFlat(c.initial());
        assertArrayEquals(c.initial(), p.flat(), 0.0, "start point");
        OptimizerState state = c.optimizer().newState(p.parameters());
        Objective objective = p.objective();
        double[][] out = new double[c.trajectory().length][];
        for (int k = 0; k < c.trajectory().length; k++) {
            double loss = state.step(c.learningRate(), objective);
            double want = c.loss()[k];
            assertTrue(Math.abs(loss - want) <= RELATIVE * Math.abs(want) + ABSOLUTE || UNSTABLE.values().stream().anyMatch(s -> s.contains(c.id())),
                    c.id() + " loss before step " + (k + 1) + ": " + loss + " vs torch " + want);
            out[k] = p.flat();
        }
        return out;
    }

    private static void check(String problem, TorchReference.Case c, TorchReference.Case c64, double[][] got) {
        double maxRel = 0, maxAbs = 0;
        int relaxedSteps = 0;
        for (int k = 0; k < got.length; k++) {
            double[] want = c.trajectory()[k];
            double worst = 0, distance = 0, torchSpread = 0;
            for (int i = 0; i < want.length; i++) {
                double diff = Math.abs(got[k][i] - want[i]);
                double scale = Math.max(Math.abs(got[k][i]), Math.abs(want[i]));
                worst = Math.max(worst, diff / (RELATIVE * scale + ABSOLUTE));
                distance = Math.max(distance, diff);
                maxAbs = Math.max(maxAbs, diff);
                if (scale > ABSOLUTE) maxRel = Math.max(maxRel, diff / scale);
                double spread = Math.abs(c64.trajectory()[k][i] - want[i]);
                torchSpread = Math.max(torchSpread, spread);
            }
            if (worst <= 1) continue;
            if (!UNSTABLE.get(problem).contains(c.id())) {
                fail(c.id() + " step " + (k + 1) + ": max |dendrite - torch| = " + distance + " exceeds " + RELATIVE + " relative + "
                        + ABSOLUTE + " absolute (torch float32 vs float64 there: " + torchSpread + ")");
            }
            relaxedSteps++;
            assertTrue(distance <= UNSTABLE_FACTOR * torchSpread, c.id() + " step " + (k + 1) + ": max |dendrite - torch float32| = "
                    + distance + " while torch float32 vs float64 differ by " + torchSpread);
        }
        System.out.printf("parity %-10s %-30s %-8s max relative difference %.2e, max absolute %.2e%s%n", problem, c.id(), c.optimizer().name(), maxRel, maxAbs,
                relaxedSteps > 0 ? " (" + relaxedSteps + " steps in the unstable regime)" : "");
    }
}
