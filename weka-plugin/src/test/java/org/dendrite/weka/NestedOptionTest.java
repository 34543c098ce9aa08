package org.dendrite.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dendrite.core.activation.Elu;
import org.dendrite.core.activation.Selu;
import org.dendrite.core.init.Initializer;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.optim.Optimizers;
import org.dendrite.core.schedule.Schedule;
import org.dendrite.core.schedule.Schedule.Unit;
import org.dendrite.weka.layer.Dense;
import org.dendrite.weka.layer.LayerOption;
import org.dendrite.weka.optim.Adam;
import org.dendrite.weka.optim.OptimizerOption;
import org.dendrite.weka.schedule.ScheduleOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.core.OptionMetadata;
import weka.core.SerializedObject;
import weka.core.Utils;

/** The Weka option objects: defaults from the core, option strings to core records, round trips, strict parsing, errors. */
class NestedOptionTest {
    static List<NestedOption<?>> everyClass() {
        List<NestedOption<?>> all = new ArrayList<>(OptimizerOption.all());
        all.addAll(ScheduleOption.all());
        all.addAll(LayerOption.all());
        return all;
    }

    static NestedOption<?> parse(String spec) throws Exception {
        String[] parts = Utils.splitOptions(spec);
        String cls = parts[0];
        parts[0] = "";
        return (NestedOption<?>) Utils.forName(NestedOption.class, cls, parts);
    }

    /** One option string per class with non-default values, and the core record it must give. */
    static Stream<Arguments> examples() {
        String o = "org.dendrite.weka.optim.", s = "org.dendrite.weka.schedule.", l = "org.dendrite.weka.layer.";
        return Stream.of(
                Arguments.of(o + "Sgd -lr 0.05 -momentum 0.9 -nesterov -weight-decay 1e-4",
                        new org.dendrite.core.optim.Sgd(0.05, 0.9, 0, true, 1e-4)),
                Arguments.of(o + "ClassicMomentum -lr 0.02 -momentum 0.5 -weight-decay 0.001",
                        new org.dendrite.core.optim.ClassicMomentum(0.02, 0.5, 0.001)),
                Arguments.of(o + "Adagrad -lr 0.1 -lr-decay 0.01 -initial-accumulator 0.1 -epsilon 1e-8 -weight-decay 0.01",
                        new org.dendrite.core.optim.Adagrad(0.1, 0.01, 0.01, 0.1, 1e-8)),
                Arguments.of(o + "RmsProp -lr 0.001 -alpha 0.9 -epsilon 1e-6 -momentum 0.5 -centered -weight-decay 0.1",
                        new org.dendrite.core.optim.RmsProp(0.001, 0.9, 1e-6, 0.1, 0.5, true)),
                Arguments.of(o + "Adadelta -lr 0.5 -rho 0.95 -epsilon 1e-5 -weight-decay 0.2",
                        new org.dendrite.core.optim.Adadelta(0.5, 0.95, 1e-5, 0.2)),
                Arguments.of(o + "Adam -lr 0.003 -beta1 0.8 -beta2 0.99 -epsilon 1e-7 -weight-decay 0.01 -amsgrad",
                        new org.dendrite.core.optim.Adam(0.003, 0.8, 0.99, 1e-7, 0.01, true)),
                Arguments.of(o + "AdamW -lr 0.002 -weight-decay 0.05 -amsgrad",
                        new org.dendrite.core.optim.AdamW(0.002, 0.9, 0.999, 1e-8, 0.05, true)),
                Arguments.of(o + "AdaMax -lr 0.004 -beta2 0.9", new org.dendrite.core.optim.AdaMax(0.004, 0.9, 0.9, 1e-8, 0)),
                Arguments.of(o + "Nadam -momentum-decay 0.01 -beta1 0.95", new org.dendrite.core.optim.Nadam(2e-3, 0.95, 0.999, 1e-8, 0, 0.01)),
                Arguments.of(o + "Lbfgs -lr 0.5 -max-iter 40 -history-size 10 -line-search strong_wolfe",
                        new org.dendrite.core.optim.Lbfgs(0.5, 40, 10, org.dendrite.core.optim.Lbfgs.LineSearch.STRONG_WOLFE)),
                Arguments.of(o + "Lbfgs -max-eval 7 -tolerance-grad 1e-5 -tolerance-change 1e-6",
                        new org.dendrite.core.optim.Lbfgs(1, 20, 7, 1e-5, 1e-6, 100, org.dendrite.core.optim.Lbfgs.LineSearch.NONE)),
                Arguments.of(s + "Constant", new org.dendrite.core.schedule.ConstantSchedule()),
                Arguments.of(s + "StepDecay -step-size 5 -gamma 0.1 -unit step", new org.dendrite.core.schedule.StepDecay(5, 0.1, Unit.STEP)),
                Arguments.of(s + "MultiStep -milestones 10,20,40 -gamma 0.5", new org.dendrite.core.schedule.MultiStep(List.of(10, 20, 40), 0.5,
                        Unit.EPOCH)),
                Arguments.of(s + "Exponential -rate 0.1 -every 30", new org.dendrite.core.schedule.Exponential(0.1, 30, Unit.EPOCH)),
                Arguments.of(s + "Power -s 5 -c 2", new org.dendrite.core.schedule.Power(5, 2, Unit.EPOCH)),
                Arguments.of(s + "Cosine -period 20 -eta-min 1e-5 -restarts -period-multiplier 2",
                        new org.dendrite.core.schedule.Cosine(20, 1e-5, true, 2, Unit.EPOCH)),
                Arguments.of(s + "Cyclic -lower-rate 0.001 -upper-rate 0.1 -steps-up 100 -steps-down 200 -mode exp_range -gamma 0.99",
                        new org.dendrite.core.schedule.Cyclic(0.001, 0.1, 100, 200, org.dendrite.core.schedule.Cyclic.Mode.EXP_RANGE, 0.99,
                                Unit.STEP)),
                Arguments.of(s + "OneCycle -max-rate 0.05 -total-steps 500 -pct-start 0.25 -phases two -anneal cos -unit epoch",
                        new org.dendrite.core.schedule.OneCycle(0.05, 500, 0.25, 25, 1e4, false, false, Unit.EPOCH)),
                Arguments.of(s + "WarmUp -inner \"" + s + "Cosine -period 30\" -start-factor 0.01 -total-steps 50",
                        new org.dendrite.core.schedule.WarmUp(new org.dendrite.core.schedule.Cosine(30, 0, false, 1, Unit.EPOCH), 0.01, 1, 50)),
                Arguments.of(s + "ReduceOnPlateau -factor 0.5 -patience 3 -threshold 0.01 -threshold-mode abs -cooldown 2 -min-rate 1e-6 -maximize",
                        new org.dendrite.core.schedule.ReduceOnPlateau(true, 0.5, 3, 0.01, false, 2, 1e-6)),
                Arguments.of(l + "Dense -units 32 -activation elu -initializer xavier_uniform -batch-norm before_activation -dropout 0.2",
                        new DenseSpec(32, new Elu(), Initializer.XAVIER_UNIFORM, true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0.2)),
                Arguments.of(l + "Dense -units 16 -activation selu", new DenseSpec(16, new Selu())),
                Arguments.of(l + "CategoryEmbedding -min-categories 5 -dimensions 3", new org.dendrite.core.layer.CategoryEmbeddingSpec(5, 3, null)));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void anOptionStringGivesTheCoreRecordAndRoundTrips(String spec, Object core) throws Exception {
        NestedOption<?> o = parse(spec);
        assertEquals(core, o.toCore(), spec);
        NestedOption<?> back = parse(o.toString());
        assertArrayEquals(o.getOptions(), back.getOptions(), o.toString());
        assertEquals(core, back.toCore());
        // the family's of(core) gives the same options
        NestedOption<?> fromCore = core instanceof Optimizer op ? OptimizerOption.of(op) : core instanceof Schedule sc ? ScheduleOption.of(sc)
                : LayerOption.of((org.dendrite.core.layer.LayerSpec) core);
        assertEquals(o.toString(), fromCore.toString());
        // the GenericObjectEditor copies objects by serialization
        assertEquals(core, ((NestedOption<?>) new SerializedObject(o).getObject()).toCore());
    }

    @Test
    void everyClassStartsFromTheCoreDefaultsAndRoundTripsThem() throws Exception {
        List<Object> defaults = new ArrayList<>();
        for (String n : Optimizers.names()) defaults.add(Optimizers.byName(n));
        defaults.addAll(List.of(new org.dendrite.core.schedule.ConstantSchedule(), org.dendrite.core.schedule.StepDecay.DEFAULT,
                org.dendrite.core.schedule.MultiStep.DEFAULT, org.dendrite.core.schedule.Exponential.DEFAULT,
                org.dendrite.core.schedule.Power.DEFAULT, org.dendrite.core.schedule.Cosine.DEFAULT, org.dendrite.core.schedule.Cyclic.DEFAULT,
                org.dendrite.core.schedule.OneCycle.DEFAULT, org.dendrite.core.schedule.WarmUp.DEFAULT,
                org.dendrite.core.schedule.ReduceOnPlateau.DEFAULT, NetworkSpec.DEFAULT_LAYER, org.dendrite.core.layer.PeriodicEmbeddingSpec.DEFAULT,
                org.dendrite.core.layer.ScaleSpec.DEFAULT, org.dendrite.core.layer.CategoryEmbeddingSpec.DEFAULT));
        // Adam and Cosine, the classifier's default optimizer and schedule, start from the classifier's defaults (its rate, its whole-run
        // period), so that naming them changes nothing else
        defaults.replaceAll(d -> d.getClass() == org.dendrite.core.train.TrainingConfig.DEFAULT_OPTIMIZER.getClass()
                ? org.dendrite.core.train.TrainingConfig.DEFAULT_OPTIMIZER
                : d.getClass() == org.dendrite.core.train.TrainingConfig.DEFAULT_SCHEDULE.getClass() ? org.dendrite.core.train.TrainingConfig.DEFAULT_SCHEDULE : d);
        List<NestedOption<?>> all = everyClass();
        assertEquals(defaults.size(), all.size());
        for (int i = 0; i < all.size(); i++) {
            NestedOption<?> o = all.get(i);
            NestedOption<?> fresh = o.getClass().getConstructor().newInstance();
            assertEquals(defaults.get(i), fresh.toCore(), o.getClass().getName() + ": the no-argument constructor has the core defaults (the classifier's for its own optimizer and schedule)");
            assertEquals(defaults.get(i), parse(o.toString()).toCore(), o.toString());
            for (PropertyDescriptor p : OptionSupport.properties(o.getClass())) {
                OptionMetadata m = OptionSupport.metadata(p);
                if (m != null && m.commandLineParamIsFlag()) {
                    // an absent flag means false, so a flag defaulting to true would be lost by any option string without it
                    assertFalse((Boolean) p.getReadMethod().invoke(o), o.getClass().getName() + " -" + m.commandLineParamName());
                }
            }
            assertFalse(o.globalInfo().isBlank());
            assertTrue(o.listOptions().hasMoreElements() || o.getClass().getSimpleName().equals("Constant"), o.getClass().getName());
        }
    }

    @Test
    void everyCoreOptimizerHasAnOptionClass() {
        List<String> names = new ArrayList<>();
        for (OptimizerOption o : OptimizerOption.all()) names.add(o.toCore().name());
        assertEquals(Optimizers.names(), names);
    }

    @Test
    void coreValidationErrorsNameTheOption() throws Exception {
        // the core names the setting (learningRate), not a phrase of its message ("learning rate"): the option is found either way
        var lr = assertThrows(IllegalArgumentException.class, () -> parse("org.dendrite.weka.optim.Adam -lr -1").toCore());
        assertTrue(lr.getMessage().startsWith("Adam option -lr: Invalid learning rate: -1.0"), lr.getMessage());
        // beyond float32's range, in which the steps are taken (it trained, to fail as a divergence at "learning rate Infinity")
        var huge = assertThrows(IllegalArgumentException.class, () -> parse("org.dendrite.weka.optim.Sgd -lr 1e308").toCore());
        assertTrue(huge.getMessage().startsWith("Sgd option -lr: Invalid learning rate: 1.0E308 (allowed: a number > 0 and at most "
                + "3.4028235E38, float32's largest)"), huge.getMessage());
        parse("org.dendrite.weka.optim.Sgd -lr 3e38").toCore();
        var period = assertThrows(IllegalArgumentException.class, () -> parse("org.dendrite.weka.schedule.Cosine -period -3").toCore());
        assertTrue(period.getMessage().startsWith("Cosine option -period: Invalid period: -3"), period.getMessage());

        Adam adam = new Adam();
        adam.setBeta1(1.5);
        var e = assertThrows(IllegalArgumentException.class, adam::toCore);
        assertTrue(e.getMessage().startsWith("Adam option -beta1: Invalid beta1: 1.5"), e.getMessage());
        adam.setBeta1(0.9);
        adam.setWeightDecay(-1);
        e = assertThrows(IllegalArgumentException.class, adam::toCore);
        assertTrue(e.getMessage().startsWith("Adam option -weight-decay: Invalid weightDecay: -1.0"), e.getMessage());

        var nesterov = assertThrows(IllegalArgumentException.class, () -> parse("org.dendrite.weka.optim.Sgd -nesterov").toCore());
        assertTrue(nesterov.getMessage().startsWith("Sgd option -momentum: Nesterov momentum requires momentum > 0"), nesterov.getMessage());

        var milestones = assertThrows(IllegalArgumentException.class, () -> parse("org.dendrite.weka.schedule.MultiStep -milestones 10,x").toCore());
        assertTrue(milestones.getMessage().startsWith("MultiStep option -milestones: Invalid milestones '10,x'"), milestones.getMessage());

        var inner = assertThrows(IllegalArgumentException.class,
                () -> parse("org.dendrite.weka.schedule.WarmUp -inner \"org.dendrite.weka.schedule.StepDecay -gamma -1\"").toCore());
        assertTrue(inner.getMessage().startsWith("WarmUp option -inner: Invalid inner schedule: StepDecay option -gamma: Invalid gamma: -1.0"),
                inner.getMessage());

        Dense dense = new Dense();
        dense.setUnits(-4);
        var units = assertThrows(IllegalArgumentException.class, dense::toCore);
        assertTrue(units.getMessage().startsWith("Dense option -units: A dense layer needs at least 1 unit (or 0: chosen from the number of "
                + "training rows), got -4"), units.getMessage());
    }

    @Test
    void parsingIsStrictWhereWekaWouldKeepTheDefaultSilently() {
        String o = "org.dendrite.weka.optim.", s = "org.dendrite.weka.schedule.", l = "org.dendrite.weka.layer.";
        assertParseError(o + "Adam -beta1 high", "Option -beta1 high: not a number");
        assertParseError(o + "Lbfgs -max-iter 2.5", "Option -max-iter 2.5: not a whole number");
        assertParseError(o + "Lbfgs -line-search wolfe", "Option -line-search wolfe: not one of none, strong_wolfe");
        assertParseError(o + "Adam -learning-rate 0.1", "Illegal options: -learning-rate 0.1");
        assertParseError(l + "Dense -activation swish", "Option -activation swish: not one of identity, sigmoid, tanh, relu");
        assertParseError(s + "WarmUp -inner " + s + "Cosinus", "Option -inner org.dendrite.weka.schedule.Cosinus: ");
        assertParseError(s + "WarmUp -inner " + o + "Adam", "Option -inner org.dendrite.weka.optim.Adam: ");
        assertParseError(s + "WarmUp -inner \"" + s + "Cosine -period ten\"", "Option -period ten: not a whole number");
    }

    private static void assertParseError(String spec, String expected) {
        Exception e = assertThrows(Exception.class, () -> parse(spec), spec);
        assertTrue(e.getMessage().contains(expected), spec + " -> " + e.getMessage());
    }

    @Test
    void aDenseSpecTheOptionsCannotExpressIsRefusedNotApproximated() {
        var e = assertThrows(IllegalArgumentException.class, () -> LayerOption.of(new DenseSpec(8, new Elu(), null, false)));
        assertTrue(e.getMessage().contains("use -config-json"), e.getMessage());
        var alpha = assertThrows(IllegalArgumentException.class, () -> LayerOption.of(new DenseSpec(8, new Elu(0.5f))));
        assertTrue(alpha.getMessage().contains("No Weka option class"), alpha.getMessage());
    }
}
