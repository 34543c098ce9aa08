package org.dendrite.core.train;

/**
 * The help text of the training options both wrappers offer, in one place: the Weka options'
 * descriptions and the Spark params' docs are these sentences, each wrapper adding only what is its
 * own (how it spells a related option, what the option means in its world). Compile-time constants,
 * so Weka's {@code @OptionMetadata} annotations can use them.
 */
public final class OptionHelp {
    private OptionHelp() {}

    public static final String EPOCHS = "Passes over the training data, or 0: chosen from the number of training rows (100 below "
            + "3,000 rows; fewer for larger data, about 6,000 steps; at least 20).";
    public static final String BATCH_SIZE = "Rows per optimizer step (a remainder of less than half a batch joins the epoch's last "
            + "batch), or 0: chosen from the number of training rows (32 below 3,000 rows, 128 from there).";
    public static final String MEMBERS = "Members of a parameter-efficient ensemble (TabM-mini): each member scales the inputs by its "
            + "own learned vector and has its own output layer, the hidden layers are shared; predictions average the members' "
            + "(1 = a single network).";
    public static final String DATA_INIT = "How the hidden layers start, from a sample of the training rows: none (biases 0), biases "
            + "(each unit's bias puts its zero at a random point among the rows) or scaled (also each unit's weights scaled to unit "
            + "variance over the rows).";
    public static final String SCALING = "How numeric features are scaled: standard ((x - mean) / standard deviation) or robust "
            + "((x - median) / interquartile range, then smoothly clipped to (-3, 3) by z / sqrt(1 + (z/3)^2)).";
    public static final String LABEL_SMOOTHING = "Label smoothing e of the classification loss: targets (1 - e) one-hot + e / classes, "
            + "0 <= e < (classes - 1) / classes (0 = none).";
    public static final String L2 = "L2 penalty on weights (lambda/2 sum w^2 added to the mean loss, lambda >= 0); in full up to the "
            + "L2-full-rows number of training rows, weakening as 1/n beyond.";
    public static final String L2_FULL_ROWS = "The L2 penalty applies in full up to this many training rows; with n more it is "
            + "lambda * this / n (a fixed penalty on the summed loss). 0 = lambda at any size.";
    public static final String VALIDATION_FRACTION = "Share of the training rows held out (stratified for classes, seeded: "
            + "each class of two or more rows gives at least one, so few rows a class hold out more) to monitor the validation loss "
            + "and metrics each epoch, in [0, 1) (0 = none; early stopping holds out " + TrainingConfig.DEFAULT_VALIDATION_FRACTION
            + " when this is 0).";
    public static final String PATIENCE = "Early stopping: epochs without a better validation loss before stopping and restoring the "
            + "best epoch's weights (0 = off); with a validation fraction of 0 it holds out " + TrainingConfig.DEFAULT_VALIDATION_FRACTION
            + " of the rows to watch.";
    public static final String CONFIG_JSON = "The whole training configuration as JSON, or the path of a JSON file such as a search's "
            + "best-config.json (docs/model-format.md; replaces the other "
            + "training options, which are then left at their defaults or given the JSON's values; absent fields take the "
            + "defaults; the JSON's seed is taken when the seed option is left at its default, which otherwise overrides it). A trained model's description, and a "
            + "search's chosen configuration, show a configuration in this form.";
    public static final String SEED = "Random seed (weights, shuffling, dropout, validation split).";
    public static final String INITIAL_MODEL = "Warm start: a saved Dendrite model JSON (from the Weka plugin, the Spark plugin or the "
            + "core) whose architecture, weights and input scaling training continues from (a numeric target is standardized by these "
            + "rows, and the model's standardized output read in their units); empty = a fresh network. A new run from those weights: its "
            + "optimizer's state, schedule, early stopping and batch order start afresh, so it does not continue the model's run as it "
            + "would have gone on (a Weka classifier kept with -resume does; Spark keeps no training state).";
    public static final String FROZEN_LAYERS = "With an initial model: the first N layers with weights keep them (only the rest is "
            + "trained), counted over the network's layers that have weights, in order: an ensemble's per-member input scaling "
            + "(members > 1) and input layers with weights count, and a hidden layer's batch normalization or PReLU counts as a layer of its own. A frozen batch "
            + "normalization keeps its scale and shift, while its running mean and variance follow the new rows, as in PyTorch (the layer "
            + "is not put in inference mode).";
}
