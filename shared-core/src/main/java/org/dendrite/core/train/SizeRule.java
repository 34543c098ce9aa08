package org.dendrite.core.train;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.network.NetworkSpec;

/**
 * The defaults that depend on how many rows a model trains on, in one place for every trainer (one
 * machine, Spark): a configuration may leave a dense layer's units, the epochs or the batch size at 0,
 * "chosen from the data", and {@link TrainingConfig#resolve} fills them in when training starts, from
 * the number of training rows n. The choices and the measurements behind them: docs/design.md,
 * "Defaults for tabular data".
 *
 * <ul>
 *   <li>units: 4 sqrt(n) rounded to a multiple of 16, between {@link #MIN_UNITS} and {@link #MAX_UNITS}
 *       (iris' 135 training rows: 48; 900 rows: 128; from 3,844 rows: 256);</li>
 *   <li>batch size: {@link #SMALL_BATCH} below {@link #LARGE_ROWS} rows, {@link #LARGE_BATCH} from there;</li>
 *   <li>epochs: {@link #SMALL_EPOCHS} below {@link #LARGE_ROWS} rows; from there as many as make about
 *       {@link #LARGE_STEPS} optimizer steps, between {@link #MIN_EPOCHS} and {@link #SMALL_EPOCHS};</li>
 *   <li>the default L2 penalty ({@link TrainingConfig#DEFAULT_REGULARIZATION}) applies in full below
 *       {@link #LARGE_ROWS} rows and weakens as 1/n from there ({@link
 *       org.dendrite.core.regularization.Regularization#forRows}).</li>
 * </ul>
 */
public final class SizeRule {
    public static final int MIN_UNITS = 48;
    public static final int MAX_UNITS = 256;
    public static final long LARGE_ROWS = 3000;
    public static final int SMALL_BATCH = 32;
    public static final int LARGE_BATCH = 128;
    public static final int SMALL_EPOCHS = 100;
    public static final int MIN_EPOCHS = 20;
    public static final long LARGE_STEPS = 6000;

    private SizeRule() {}

    /** A dense layer's units for {@code rows} training rows. */
    public static int units(long rows) {
        long u = 16 * Math.round(4 * Math.sqrt(rows) / 16);
        return (int) Math.max(MIN_UNITS, Math.min(MAX_UNITS, u));
    }

    /** The batch size for {@code rows} training rows. */
    public static int batchSize(long rows) {
        return rows < LARGE_ROWS ? SMALL_BATCH : LARGE_BATCH;
    }

    /** The epochs for {@code rows} training rows in batches of {@code batchSize}. */
    public static int epochs(long rows, int batchSize) {
        if (rows < LARGE_ROWS) {
            return SMALL_EPOCHS;
        }
        long stepsPerEpoch = Math.max(1, (rows + batchSize - 1) / batchSize);
        return (int) Math.max(MIN_EPOCHS, Math.min(SMALL_EPOCHS, (LARGE_STEPS + stepsPerEpoch - 1) / stepsPerEpoch));
    }

    /** {@code spec} with every dense layer of 0 units given {@link #units}. */
    static NetworkSpec network(NetworkSpec spec, long rows) {
        List<LayerSpec> layers = new ArrayList<>();
        boolean changed = false;
        for (LayerSpec l : spec.layers()) {
            if (l instanceof DenseSpec d && d.units() == 0) {
                layers.add(d.withUnits(units(rows)));
                changed = true;
            } else {
                layers.add(l);
            }
        }
        return changed ? spec.withLayers(layers) : spec;
    }
}
