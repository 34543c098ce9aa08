package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;
import org.dendrite.core.layer.Parameter;
import org.junit.jupiter.api.Test;

/** The same seed and data give bit-identical weights; another seed gives other weights. */
class DeterminismTest {
    private static Model train(long seed) {
        SplittableRandom r = new SplittableRandom(42);
        double[][] rows = new double[200][3];
        double[] y = new double[200];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 3; j++) rows[i][j] = r.nextGaussian();
            y[i] = rows[i][0] + 0.5 * rows[i][1] > 0 ? 1 : 0;
        }
        Table t = new Table(List.of(Column.numeric("a"), Column.numeric("b"), Column.numeric("c")), rows);
        return Trainer.fit(TrainingConfig.DEFAULT.withEpochs(5).withSeed(seed), new LabeledTable(t, "y", List.of("n", "p"), y, null));
    }

    private static float[] weights(Model m) {
        List<Parameter> ps = m.network().parameters();
        int n = 0;
        for (Parameter p : ps) n += p.size();
        float[] all = new float[n];
        int o = 0;
        for (Parameter p : ps) {
            System.arraycopy(p.value(), 0, all, o, p.size());
            o += p.size();
        }
        return all;
    }

    @Test
    void sameSeedSameWeights() {
        assertArrayEquals(weights(train(7)), weights(train(7)));
    }

    @Test
    void otherSeedOtherWeights() {
        assertFalse(Arrays.equals(weights(train(7)), weights(train(8))));
    }
}
