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
 * <p>{@code optim_extra_*.json} (make_optim_extra_reference.py, same problems and layout) adds
 * 14 cases: three constant-rate combinations the first files lack (Adadelta at lr 0.5 with weight
 * decay: every case there runs Adadelta at 1.0, where ignoring lr changes nothing; SGD Nesterov
 * with weight decay; Adam AMSGrad with weight decay), and eleven {@code *_schedule} cases in which
 * torch's {@code param_group["lr"]} is changed before every step (x 1, 0.5, 1.5, 0.25, 2, 0.75,
 * 1.25, 0.1, cycled). Those are replayed with the same rate passed to each
 * {@link OptimizerState#step(double, Objective)}, so an optimizer that used its constructor's rate,
 * or a rate-dependent term (AdamW's decay, PyTorch's momentum buffer) at the wrong step, departs
 * from torch; at a constant rate it could not.
 *
 * <p>Tolerance: {@code |a - b| <= 1e-5 max(|a|, |b|) + 1e-6}. On Rosenbrock the gradient is
 * computed in float32 in torch's autograd order, so only the optimizer's arithmetic can differ:
 * there all 26 + 14 cases are in fact bit-identical (asserted separately below). On the MLP, Dendrite's
 * forward/backward sums in a different order than torch's (its own GEMM; the loss in double), so
 * gradients differ by a few float32 ulps (~1e-7 relative); 150 steps let that drift to ~1e-6 on
 * parameters of size 0.1-3, which the relative term covers; the 1e-6 absolute floor is for
 * parameters passing near zero, where a relative bound means nothing.
 *
 * <p>Where that cannot hold: in four MLP cases the trajectory itself is unstable, so any
 * rounding difference grows geometrically. The evidence is in the references: PyTorch's own
 * float32 and float64 runs of the same case separate beyond the tolerance at the same steps
 * (NAdam with momentum decay 0.01 and weight decay from step ~120, where the loss starts to
 * oscillate: the perturbation grows ~5x every 5 steps in both comparisons; L-BFGS from its
 * first step, 20 inner iterations driving a separable problem's loss to ~1e-7 where the
 * weights are barely determined; centered RMSprop with momentum under the changing rate from
 * step ~125, where the bias b1[7] (flat index 47) swings about zero with a denominator
 * sqrt(s - a^2) that cancels: torch's float32 and float64 runs there go from 4e-7 apart at step
 * 124 to 1.3e-4 at step 149, Dendrite's distance from torch float32 staying about half of that
 * at every step, while the same case on Rosenbrock is bit-identical). For exactly these listed cases, a step that misses the
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
            "mlp", Set.of("nadam_momentum_decay_wd", "lbfgs_strong_wolfe", "lbfgs_plain", "rmsprop_centered_momentum_wd_schedule"));

    /** The cases of optim_extra_*.json, in file order. */
    static final List<String> EXTRA = List.of("adadelta_lr_wd", "sgd_nesterov_wd", "adam_amsgrad_wd",
            "sgd_momentum_schedule", "sgd_nesterov_wd_schedule", "adagrad_lr_decay_wd_schedule", "rmsprop_schedule",
            "rmsprop_centered_momentum_wd_schedule", "adadelta_wd_schedule", "adam_schedule", "adam_amsgrad_wd_schedule",
            "adamw_schedule", "adamax_schedule", "nadam_schedule");

    @TestFactory
    List<DynamicTest> rosenbrockMatchesPyTorch() throws IOException {
        return cases("optim_", "rosenbrock", 26, ParityProblem::rosenbrock);
    }

    @TestFactory
    List<DynamicTest> mlpMatchesPyTorch() throws IOException {
        return cases("optim_", "mlp", 26, OptimizerParityTest::mlp);
    }

    @TestFactory
    List<DynamicTest> rosenbrockExtraMatchesPyTorch() throws IOException {
        return cases("optim_extra_", "rosenbrock", EXTRA.size(), ParityProblem::rosenbrock);
    }

    @TestFactory
    List<DynamicTest> mlpExtraMatchesPyTorch() throws IOException {
        return cases("optim_extra_", "mlp", EXTRA.size(), OptimizerParityTest::mlp);
    }

    private static ParityProblem mlp() {
        try {
            return ParityProblem.mlp();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stronger than the tolerance: with float32 gradients in torch's order, every step of every optimizer is bit-identical. */
    @Test
    void rosenbrockFloat32IsBitIdentical() throws IOException {
        for (String file : List.of("optim_rosenbrock_float32.json", "optim_extra_rosenbrock_float32.json")) {
            for (TorchReference.Case c : TorchReference.cases(file)) {
                double[][] got = replay(c, ParityProblem.rosenbrock());
                for (int k = 0; k < got.length; k++) {
                    assertArrayEquals(c.trajectory()[k], got[k], 0.0, c.id() + " step " + (k + 1));
                }
            }
        }
    }

    /**
     * The extra files hold what the class comment says, so the cases above test it: the listed cases,
     * Adadelta at a rate other than 1, and in every schedule case a rate that differs from the one
     * before at every step, starting at the constructor's rate.
     */
    @Test
    void extraCasesAreTheAdvertisedOnes() throws IOException {
        for (String problem : List.of("rosenbrock", "mlp")) {
            List<TorchReference.Case> cs = TorchReference.cases("optim_extra_" + problem + "_float32.json");
            assertEquals(EXTRA, cs.stream().map(TorchReference.Case::id).toList(), problem);
            for (TorchReference.Case c : cs) {
                boolean scheduled = c.id().endsWith("_schedule");
                assertEquals(scheduled, c.schedule() != null, c.id() + " has a schedule");
                if (c.torchClass().equals("Adadelta")) {
                    assertTrue(c.learningRate() != 1 && c.options().get("weight_decay").asDouble() > 0, c.id());
                }
                if (!scheduled) continue;
                assertEquals(c.learningRate(), c.schedule()[0], 0.0, c.id() + " first rate");
                for (int k = 1; k < c.schedule().length; k++) {
                    assertTrue(c.schedule()[k] != c.schedule()[k - 1], c.id() + " rate changes before step " + (k + 1));
                }
            }
        }
    }

    private List<DynamicTest> cases(String prefix, String problem, int count, Supplier<ParityProblem> factory) throws IOException {
        List<TorchReference.Case> f32 = TorchReference.cases(prefix + problem + "_float32.json");
        List<TorchReference.Case> f64 = TorchReference.cases(prefix + problem + "_float64.json");
        assertEquals(count, f32.size(), "number of reference cases");
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
            double loss = state.step(c.learningRate(k), objective);
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
