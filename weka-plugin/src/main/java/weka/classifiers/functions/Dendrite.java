package weka.classifiers.functions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.diagnostics.TrainingPlots;
import org.dendrite.core.io.ModelIO;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.network.DataInit;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.search.ConsoleSearchProgress;
import org.dendrite.core.search.Search;
import org.dendrite.core.search.SearchConfig;
import org.dendrite.core.search.SearchListener;
import org.dendrite.core.search.SearchResult;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.train.ConsoleProgress;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.OptionHelp;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingListener;
import org.dendrite.core.train.TrainingOptions;
import org.dendrite.core.train.TrainingRun;
import org.dendrite.core.train.WarmStart;
import org.dendrite.weka.InstancesConverter;
import org.dendrite.weka.NestedOption;
import org.dendrite.weka.OptionSupport;
import org.dendrite.weka.layer.LayerOption;
import org.dendrite.weka.optim.OptimizerOption;
import org.dendrite.weka.schedule.ScheduleOption;
import org.dendrite.weka.search.NoSearch;
import org.dendrite.weka.search.SearchOption;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.IterativeClassifier;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.OptionMetadata;
import weka.core.Randomizable;
import weka.core.RevisionUtils;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformationHandler;
import weka.core.WeightedInstancesHandler;
import weka.gui.ProgrammaticProperty;

/**
 * Dendrite: a modern feed-forward neural network for nominal and numeric classes, a thin wrapper
 * over the Dendrite core. Defaults come from the core (org.dendrite.core.train.TrainingConfig.DEFAULT).
 */
public class Dendrite extends AbstractClassifier implements Randomizable, IterativeClassifier, WeightedInstancesHandler,
        TechnicalInformationHandler, weka.core.AdditionalMeasureProducer {
    private static final long serialVersionUID = 1L;
    private static final TrainingConfig D = TrainingConfig.DEFAULT;

    private LayerOption[] layers = LayerOption.of(D.network());
    private int epochs = D.epochs();
    private int members = TrainingOptions.DEFAULT.members();
    private weka.core.SelectedTag scaling = tag(org.dendrite.core.data.PreprocessingConfig.Scaling.values(), TrainingOptions.DEFAULT.scaling());
    private weka.core.SelectedTag dataInit = tag(DataInit.values(), TrainingOptions.DEFAULT.dataInit());
    private double labelSmoothing = TrainingOptions.DEFAULT.labelSmoothing();
    private int miniBatchSize = D.batchSize();
    private OptimizerOption optimizer = OptimizerOption.of(D.optimizer());
    private ScheduleOption schedule = ScheduleOption.of(D.schedule());
    private double l2 = D.regularization().l2();
    private long l2FullRows = D.regularization().l2FullRows();
    private double l1 = D.regularization().l1();
    private double validationFraction = D.validationFraction();
    private int earlyStoppingPatience = D.earlyStopping().patience();
    private String configJson = "";
    private String diagnosticsFolder = "";
    private String initialModel = "";
    private int frozenLayers;
    private int monteCarloPasses;
    private int seed = (int) D.seed();
    private boolean resume;
    private boolean lrRangeTest;
    private boolean overfitCheck;
    private SearchOption search = new NoSearch();
    {
        // Weka's -num-decimal-places, whose default is 2 for every classifier: the training figures of Dendrite's output keep the
        // core's precision unless it is set
        setNumDecimalPlaces(Model.SUMMARY_DECIMALS);
    }
    /** False in a classifier serialized before -num-decimal-places was read (its 2 was Weka's default, never used). */
    private boolean decimalPlacesRead = true;

    private Model model;
    /** The last search's trials and choice (null without a search). */
    private SearchResult searchResult;
    /** Weka's fallback when there is nothing to learn from (no training rows with a known class), as its own classifiers do. */
    private weka.classifiers.rules.ZeroR zeroR;
    /** Why the ZeroR model stands in for a network (for toString). */
    private String zeroReason;
    private org.dendrite.core.diagnostics.Diagnosis.BiasVariance diagnosis;
    /** Why the last build's diagnostics folder could not be written (for toString; null when it was, or none was asked for). */
    private String diagnosticsFailure;
    /** What the checks before training found (-overfit-check, -lr-range-test), for toString; empty without them. */
    private List<String> checks = List.of();
    /** The last build's LR range test, for the diagnostics folder's plot (null without one). */
    private transient org.dendrite.core.train.LrFinder.Result lrRange;
    private Instances header;
    /** The training rows of the last build (those with a known class value), for the diagnostics folder's name. */
    private int trainingRows;
    /** The fingerprint of the rows the model was trained on ({@link InstancesConverter#fingerprint}): a continuation is on the same rows. */
    private long trainedOn;
    /** The options' configuration the model's run was started with (null in files from before it was kept): a continuation changes only its epochs. */
    private TrainingConfig trainedWith;
    /** The options beside the configuration the run was started with ({@link #startSettings}; null in files from before it was kept). */
    private java.util.LinkedHashMap<String, String> startedWith;
    /** The configured epochs when the search ran: continuing to other epochs than these is asked for; otherwise to the chosen configuration's. */
    private int searchedAtEpochs;
    /** True inside {@link #buildClassifier}, whose contract is to train on its rows. */
    private transient boolean building;
    private transient TrainingRun run;
    /**
     * The training state a deserialized classifier continues from (with resume on, it is saved with
     * the classifier, as Weka's IterativeClassifier contract asks: see {@link #writeObject}); null
     * once continued, or without one.
     */
    private transient org.dendrite.core.train.Checkpoint state;

    public String globalInfo() {
        return "Dendrite: a feed-forward neural network for tabular data with modern training (Adam and the rest of the optimizer "
                + "family, ReLU-family activations, He/LeCun/Glorot initialization, L1/L2 penalties, dropout, batch norm, early "
                + "stopping), for nominal and numeric classes. Inputs are standardized, nominal attributes one-hot encoded and missing "
                + "values imputed automatically. The optimizer, the learning-rate schedule and each hidden layer are objects with their "
                + "own options; the whole training configuration can also be given as JSON (see the package documentation).\n\n"
                + getTechnicalInformation().toString();
    }

    @Override
    public TechnicalInformation getTechnicalInformation() {
        TechnicalInformation t = new TechnicalInformation(TechnicalInformation.Type.BOOK);
        t.setValue(TechnicalInformation.Field.AUTHOR, "Ian Goodfellow and Yoshua Bengio and Aaron Courville");
        t.setValue(TechnicalInformation.Field.TITLE, "Deep Learning");
        t.setValue(TechnicalInformation.Field.YEAR, "2016");
        t.setValue(TechnicalInformation.Field.PUBLISHER, "MIT Press");
        TechnicalInformation adam = t.add(TechnicalInformation.Type.INPROCEEDINGS);
        adam.setValue(TechnicalInformation.Field.AUTHOR, "Diederik P. Kingma and Jimmy Ba");
        adam.setValue(TechnicalInformation.Field.TITLE, "Adam: A Method for Stochastic Optimization");
        adam.setValue(TechnicalInformation.Field.BOOKTITLE, "3rd International Conference on Learning Representations (ICLR)");
        adam.setValue(TechnicalInformation.Field.YEAR, "2015");
        return t;
    }

    @Override
    public Capabilities getCapabilities() {
        Capabilities c = super.getCapabilities();
        c.disableAll();
        c.enable(Capability.NUMERIC_ATTRIBUTES);
        c.enable(Capability.NOMINAL_ATTRIBUTES);
        c.enable(Capability.BINARY_ATTRIBUTES);
        c.enable(Capability.UNARY_ATTRIBUTES);
        c.enable(Capability.DATE_ATTRIBUTES);
        c.enable(Capability.MISSING_VALUES);
        c.enable(Capability.NOMINAL_CLASS);
        c.enable(Capability.BINARY_CLASS);
        c.enable(Capability.NUMERIC_CLASS);
        c.enable(Capability.DATE_CLASS);
        c.enable(Capability.MISSING_CLASS_VALUES);
        c.setMinimumNumberInstances(0);
        return c;
    }

    /**
     * The core training configuration the options describe, translated by the core
     * ({@link TrainingOptions}). Setters only store values (Weka's option parser swallows setter
     * exceptions); every value is validated here, by the core, with a message naming the option and
     * what is allowed.
     */
    public TrainingConfig trainingConfig() {
        List<LayerSpec> hidden = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) hidden.add(core("layer", i + 1, layers[i]));
        TrainingOptions options = new TrainingOptions(new NetworkSpec(hidden), members,
                DataInit.named(dataInit.getSelectedTag().getReadable()), core("optimizer", 0, optimizer),
                core("schedule", 0, schedule), epochs, miniBatchSize, l1, l2, l2FullRows, validationFraction, earlyStoppingPatience,
                TrainingOptions.scaling(scaling.getSelectedTag().getReadable()), labelSmoothing, seed, configJson);
        try {
            return options.toConfig();
        } catch (InvalidSettingException e) {
            throw new IllegalArgumentException(withOption(e), e);
        }
    }

    /**
     * {@code e}'s message, prefixed with this classifier's option for its setting when it has one: with
     * {@code -config-json} the JSON's (every training setting is its, the seed aside; the message named
     * a flat option the user never gave).
     */
    private String withOption(InvalidSettingException e) {
        if (e instanceof TrainingOptions.BesideConfigJson) {
            // it named the core's setting and configJson ("The option network is set beside configJson" for -layer)
            return "-config-json: " + TrainingOptions.BesideConfigJson.text(option(e.setting()), "-config-json");
        }
        if (configJson != null && !configJson.isBlank() && !"seed".equals(e.setting())) return "-config-json: " + e.getMessage();
        String option = optionFor(e.setting());
        return (option == null ? "" : "-" + option + ": ") + e.getMessage();
    }

    /** This classifier's command-line option (without its dash) for the core's flat training option {@code setting}, or null. */
    private String optionFor(String setting) {
        return FLAT_OPTIONS.getOrDefault(setting, OptionSupport.optionOf(getClass(), setting));
    }

    /** "-option" for the core's flat training option {@code setting}, or the setting's own name. */
    private String option(String setting) {
        String o = optionFor(setting);
        return o == null ? setting : "-" + o;
    }

    /** This classifier's command-line options for the core's flat training options whose names differ. */
    private static final java.util.Map<String, String> FLAT_OPTIONS = java.util.Map.of("batchSize", "mini-batch-size", "patience", "patience",
            "seed", "S", "labelSmoothing", "label-smoothing", "network", "layer");

    /** The core config of a nested option object, its validation error prefixed with the classifier option ({@code index} > 0: which layer). */
    private static <T> T core(String option, int index, NestedOption<T> o) {
        String name = "-" + option + (index > 0 ? " " + index : "");
        if (o == null) throw new IllegalArgumentException(name + ": not set");
        try {
            return o.toCore();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The hyperparameter search the {@code -search} option describes, or null for none (validated by
     * the core, its budget against the configured epochs).
     */
    public SearchConfig searchConfig() {
        int epochs = trainingConfig().epochs();
        if (search == null) throw new IllegalArgumentException("-search: not set");
        try {
            return search.toCore(epochs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-search: " + e.getMessage(), e);
        }
    }

    /** The options a run starts from beside its configuration (a continuation may not change them either), by their option names. */
    private java.util.LinkedHashMap<String, String> startSettings() {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        m.put("initialModel", initialModel);
        m.put("frozenLayers", Integer.toString(frozenLayers));
        m.put("search", weka.core.Utils.toCommandLine(search));
        return m;
    }

    /**
     * A start setting without a search's {@code -threads}, which change no result (but for the memory
     * the trials share): a rebuild with other threads continues the run, a model saved with them too.
     */
    private static String withoutThreads(String setting) {
        return setting == null ? null : setting.replaceAll("(^| )-threads \\d+", "");
    }

    /** {@link #searchConfig()}, its validation errors as Weka's usual checked exception. */
    private SearchConfig checkedSearch() throws Exception {
        try {
            return searchConfig();
        } catch (IllegalArgumentException e) {
            throw new Exception("Invalid option: " + e.getMessage(), e);
        }
    }

    /** {@link #trainingConfig()}, its validation errors as Weka's usual checked exception. */
    private TrainingConfig checkedConfig() throws Exception {
        try {
            return trainingConfig();
        } catch (IllegalArgumentException e) {
            throw new Exception("Invalid option: " + e.getMessage(), e);
        }
    }

    /**
     * Trains on {@code data} to the configured epochs; a classifier that kept its training state
     * (trained with {@link #setResume resume} on) on these same rows continues it instead
     * ({@link #initializeClassifier}).
     */
    @Override
    public void buildClassifier(Instances data) throws Exception {
        building = true;
        try {
            initializeClassifier(data);
        } finally {
            building = false;
        }
        try {
            while (next()) {
                // one epoch per iteration
            }
        } catch (Exception | Error e) {
            // an Error too (OutOfMemoryError in an epoch): the untrained network was served as the model, and Weka's execution slots,
            // which catch it and go on, kept an untrained ensemble member
            if (!resume) {
                // stopped (interrupted) or failed: nothing of the run is kept, so the next build trains afresh (it took the run
                // left behind for one to continue), and the half-trained network is not served as the model
                String epochs = run == null ? "" : " after epoch " + run.epoch() + " of " + run.config().epochs();
                run = null;
                state = null;
                model = null;
                if (e instanceof java.util.concurrent.CancellationException c) {
                    // the core's message said the run held the epoch's weights, and the classifier then had no model
                    var stopped = new java.util.concurrent.CancellationException("Training was interrupted" + epochs + "; without -resume "
                            + "nothing of the run is kept (with it, the classifier keeps that epoch's model and can continue)");
                    stopped.initCause(c);
                    throw stopped;
                }
            }
            throw e;
        }
        done();
    }

    /**
     * Starts training on {@code data}; or, when this classifier kept its training state (trained with
     * resume on, in memory or saved with it: Weka's {@code -continue-iterating} after {@code -l}) and
     * {@code data} holds the rows it was trained on, continues that run to the epochs now configured
     * (the whole-run schedule stretched to them). Other rows train afresh in {@link #buildClassifier}
     * and are refused by the iterative API, as is continuing a model trained without resume.
     */
    @Override
    public void initializeClassifier(Instances data) throws Exception {
        try {
            // an attribute of a kind Dendrite does not take is named, with what to do (Weka's capabilities say "Cannot handle string attributes!")
            InstancesConverter.columns(data);
            // and a class attribute of a kind it does not predict (it trained with -do-not-check-capabilities)
            if (data.classIndex() >= 0) InstancesConverter.checkClass(data);
        } catch (IllegalArgumentException e) {
            throw new Exception(e.getMessage(), e);
        }
        getCapabilities().testWithFail(data);
        TrainingConfig config = checkedConfig();
        try {
            InstancesConverter.check(data, config.preprocessing().imputeMissing());
        } catch (IllegalArgumentException e) {
            throw new Exception(e.getMessage() + " (rows are the instances in Weka's order, from 1)", e);
        }
        Instances train = new Instances(data);
        train.deleteWithMissingClass();
        long[] numbers = InstancesConverter.numbersWithClass(data);
        long fingerprint = InstancesConverter.fingerprint(train);
        boolean kept = run != null || state != null;
        boolean same = model != null && fingerprint == trainedOn && headerDifference(train, header) == null;
        if (kept && same) {
            TrainingOptions.Difference d = trainedWith == null ? null : TrainingOptions.differenceBesideEpochs(trainedWith, config);
            if (d == null && startedWith != null) {
                for (var e : startSettings().entrySet()) {
                    if (!withoutThreads(e.getValue()).equals(withoutThreads(startedWith.get(e.getKey())))) {
                        d = new TrainingOptions.Difference(e.getKey(), startedWith.get(e.getKey()), e.getValue());
                    }
                }
            }
            if (d != null) {
                // the kept run would go on with its own settings: the new ones would be silently ignored
                throw new Exception("Cannot continue the kept training run with other options than it was started with: " + option(d.option())
                        + " was " + d.before() + " and is now " + d.now() + ". Continuing trains the same run to more epochs (-epochs) only; "
                        + "to train with these options, build a new classifier, or start from this model's weights with -initial-model");
            }
            // the state is copied only when it is continued
            continueRun(run != null ? run.checkpoint() : state, train, numbers);
            return;
        }
        if (!building && model != null && (kept || (resume && same))) {
            // Weka's -continue-iterating (or IterativeClassifierOptimizer) on a trained classifier: continuing is asked for
            String otherHeader = headerDifference(train, header);
            String these = train.numInstances() != trainingRows ? "these are " + train.numInstances()
                    : otherHeader != null ? "these have another header: " + otherHeader : "these are as many, with other values, weights or order";
            throw new Exception(kept ? "Cannot continue training on other rows than the model was trained on (" + trainingRows
                    + " instances with a class value; " + these + "): continuing would mix them. Train "
                    + "afresh with buildClassifier, or on these rows from its weights with -initial-model"
                    : "Cannot continue training: this model kept no training state (the optimizer's moments, the schedule's clock, early "
                    + "stopping): it was trained without resume (-resume), or its state was cleaned up (-clean-up). Train it with -resume, "
                    + "without -clean-up, to continue it later, or start from its weights with -initial-model");
        }
        SearchConfig searchConfig = checkedSearch();
        checkMonteCarloPasses();
        if (!diagnosticsFolder.isBlank()) {
            // before training, not after it: a folder that cannot be made would otherwise lose the training's work
            // (a folder that exists but takes no files, read-only or another user's, was found only then: a file is made and removed)
            try {
                Files.delete(Files.createTempFile(Files.createDirectories(Path.of(diagnosticsFolder)), ".dendrite-", ".probe"));
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new Exception("Invalid option -diagnostics: '" + diagnosticsFolder + "' cannot be used as a folder ("
                        + (e instanceof java.nio.file.FileAlreadyExistsException ? "a file of that name exists"
                        : e instanceof java.nio.file.AccessDeniedException ? "no file can be written in it: permission denied" : e.toString()) + ")", e);
            }
        }
        if (monteCarloPasses >= 2 && searchConfig == null && initialModel.isBlank() && !config.network().hasDropout()) {
            // before training, not after it: the passes would be refused at the first prediction, the training's work lost
            throw new Exception("Invalid option -mc-dropout " + monteCarloPasses + ": Monte-Carlo dropout needs a network with dropout (a layer "
                    + "with dropout > 0); this configuration has none");
        }
        if (searchConfig != null && !initialModel.isBlank()) {
            throw new Exception("Invalid option: -search cannot be combined with -initial-model (a search trains each trial from scratch)");
        }
        // a build on other rows trains afresh, as buildClassifier promises (a classifier copied with its state into the folds of a
        // cross-validation must not continue the full data's model on a fold's rows); after the refusals above, which leave the
        // classifier as it was (a refused build marked the old run as these rows' and options', and the next build continued it)
        state = null;
        trainedOn = fingerprint;
        trainedWith = config;
        startedWith = startSettings();
        header = new Instances(train, 0);
        trainingRows = train.numInstances();
        run = null;
        zeroR = null;
        diagnosis = null;
        searchResult = null;
        checks = List.of();
        lrRange = null;
        // instances of weight 0 are not there for training (the core removes them): they count for neither reason
        boolean weighed = false;
        for (int i = 0; i < train.numInstances() && !weighed; i++) weighed = train.instance(i).weight() > 0;
        String only = weighed ? onlyClass(train) : null;
        zeroReason = train.numInstances() == 0 ? "no training instances with a known class value"
                : !weighed ? "no training instance weighs more than 0"
                : only != null ? "the training instances hold only one class value ('" + only + "')" : null;
        if (zeroReason != null) {
            // Weka's convention for nothing to learn from (no rows, every class value missing, or one class only: a fold of
            // Weka's cross-validation without the one row of a class; a numeric class of one value, which ZeroR predicts
            // exactly where a network comes near it): a ZeroR model, said so in toString
            zeroR = new weka.classifiers.rules.ZeroR();
            // unchecked as this classifier is (a unary class with -do-not-check-capabilities was refused by "weka.classifiers.rules.ZeroR")
            zeroR.setDoNotCheckCapabilities(getDoNotCheckCapabilities());
            zeroR.buildClassifier(data);
            model = null;
            return;
        }
        TrainingListener listener = getDebug() ? new ConsoleProgress(System.err) : TrainingListener.NONE;
        try {
            org.dendrite.core.data.LabeledTable rows = InstancesConverter.labeled(train, numbers);
            checks = checksBeforeTraining(config, rows);
            if (searchConfig != null) {
                // the search sees only these (training) rows: Weka's outer evaluation measures the tuned procedure
                SearchListener progress = getDebug() ? new ConsoleSearchProgress(System.err) : SearchListener.NONE;
                try {
                    searchResult = new Search(searchConfig).explore(rows, config, progress);
                } catch (InvalidSettingException e) {
                    // a search setting that does not suit these rows (a holdout that leaves none to validate on): named as typed
                    String option = OptionSupport.optionOf(search.getClass(), e.setting());
                    throw new Exception("-search" + (option == null ? "" : " -" + option) + ": " + e.getMessage(), e);
                }
                config = searchResult.bestConfig();
                searchedAtEpochs = checkedConfig().epochs();
                if (monteCarloPasses >= 2 && !config.network().hasDropout()) {
                    // before the refit, not at the first prediction: the passes need dropout the search did not choose
                    throw new Exception("Invalid option -mc-dropout " + monteCarloPasses + ": Monte-Carlo dropout needs a network with dropout, "
                            + "and the search chose one without (" + searchResult.best().candidate() + "); search dropout above 0 (for "
                            + "example a space with \"dropout\" from 0.05), or leave -mc-dropout out");
                }
            }
            run = TrainingRun.local(config, rows, listener, WarmStart.read(initialModel, "-initial-model", frozenLayers, "-freeze"));
        } catch (IllegalArgumentException e) {
            // a setting that does not suit these rows (a validation fraction that leaves none to train on) is named as an option
            throw new Exception(e instanceof InvalidSettingException s ? withOption(s) : e.getMessage(), e);
        }
        model = run.model();
    }

    /**
     * Continues the run of checkpoint {@code from} on {@code train} (the instances with a class value, of Weka's
     * {@code numbers}) to the epochs now configured.
     */
    private void continueRun(org.dendrite.core.train.Checkpoint from, Instances train, long[] numbers) throws Exception {
        TrainingListener listener = getDebug() ? new ConsoleProgress(System.err) : TrainingListener.NONE;
        try {
            run = TrainingRun.resume(from, InstancesConverter.labeled(train, numbers), listener);
            // the epochs asked for: after a search, the chosen configuration's unless -epochs changed since
            TrainingConfig asked = checkedConfig();
            boolean chosen = searchResult != null && asked.epochs() == searchedAtEpochs;
            int epochs = (chosen ? searchResult.bestConfig() : asked).resolve(run.source().rows()).epochs(), planned = run.config().epochs();
            run.extendTo(epochs);
            if (epochs > planned && run.stoppedEarly()) {
                // it took the epochs and trained nothing, without a word
                throw new Exception("-epochs: Cannot continue to " + epochs + " epochs: the kept run stopped early after epoch " + run.epoch()
                        + " (early stopping, -patience " + run.config().earlyStopping().patience() + "), so it trains no further; to train "
                        + "on, start from this model's weights with -initial-model, with a larger -patience or without early stopping");
            }
        } catch (IllegalArgumentException e) {
            // named as the option (it said "Invalid epochs: 2 (allowed: at least the 3 epochs already trained)")
            throw new Exception(e instanceof InvalidSettingException s ? withOption(s) : e.getMessage(), e);
        }
        state = null;
        model = run.model();
    }

    /** Saves the training state with the classifier when resume keeps it (Weka's contract: such a model can be trained further). */
    private void writeObject(java.io.ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(run != null ? run.checkpoint() : state);
    }

    private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (checks == null) checks = List.of(); // written before the checks existed
        if (!decimalPlacesRead) {
            // written before the option was read: its figures were printed with the core's precision, and still are
            setNumDecimalPlaces(Model.SUMMARY_DECIMALS);
            decimalPlacesRead = true;
        }
        try {
            state = (org.dendrite.core.train.Checkpoint) in.readObject();
        } catch (java.io.OptionalDataException e) {
            state = null; // written before the state was saved
        }
    }

    @Override
    public boolean next() throws Exception {
        if (zeroR != null) {
            return false;
        }
        if (run == null) {
            throw new IllegalStateException("Call initializeClassifier (or buildClassifier) before next()");
        }
        if (!run.hasNextEpoch()) {
            return false;
        }
        run.nextEpoch();
        return true;
    }

    /**
     * Takes the run's model. The diagnostics folder is written then; a failure there (a full disk, the
     * folder made read-only or removed since training started) keeps the trained model, says so on
     * the error stream and in {@link #toString}, and does not fail the build (the training's work was
     * lost with it, and the run it left behind was continued by the next build).
     */
    @Override
    public void done() throws Exception {
        if (run == null) return;
        try {
            model = run.model();
            diagnosis = run.biasVariance();
            diagnosticsFailure = null;
            if (!diagnosticsFolder.isBlank()) {
                try {
                    writeDiagnostics(runFolder(Path.of(diagnosticsFolder), header.relationName(), trainingRows));
                } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
                    diagnosticsFailure = "The diagnostics (-diagnostics " + diagnosticsFolder + ") could not be written: " + e
                            + "; the model is trained and kept.";
                    System.err.println("Dendrite: " + diagnosticsFailure);
                }
            }
        } finally {
            if (!resume) {
                run = null;
                state = null;
            }
        }
    }

    /** Refuses a negative -mc-dropout (Weka's option parsing would keep any whole number). */
    private void checkMonteCarloPasses() {
        if (monteCarloPasses < 0) {
            throw new IllegalArgumentException("Invalid option -mc-dropout " + monteCarloPasses + " (allowed: 0 or 1 = none, or a number of passes >= 2)");
        }
    }

    /**
     * A new subfolder of {@code dir} for one training's diagnostics, {@code NNN-<relation>-<rows>-rows}, numbered
     * in the order the trainings finish: Weka's cross-validation trains the full training set's model and
     * then one per fold with the same options (Explorer and command line: the full set first, 001), and
     * each keeps its own files instead of the last fold's overwriting the others (whose model.json would
     * then not be the model shown). The first free number is taken atomically, so trainings running at
     * once (Weka's execution slots) each get their own. Folders numbered beyond nine digits are not
     * this plugin's and are passed over.
     */
    private static final java.util.regex.Pattern RUN_FOLDER = java.util.regex.Pattern.compile("(\\d{3,9})-.*");

    private static Path runFolder(Path dir, String relation, int rows) throws IOException {
        Files.createDirectories(dir);
        String name = relation.replaceAll("[^A-Za-z0-9._-]", "_");
        name = name.substring(0, Math.min(name.length(), 40));
        int next = 1;
        try (var existing = Files.list(dir)) {
            for (Path p : (Iterable<Path>) existing::iterator) {
                java.util.regex.Matcher m = RUN_FOLDER.matcher(p.getFileName().toString());
                if (m.matches()) next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
            }
        }
        for (;; next++) {
            try {
                return Files.createDirectory(dir.resolve(String.format(java.util.Locale.ROOT, "%03d-%s-%d-rows", next, name, rows)));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another training took this number first
            }
        }
    }

    /**
     * The checks asked for before training, on the training rows with the configuration as given (a
     * search's base): the overfit check (about 20 rows without regularization must be learned) and the
     * LR range test (the rate grown from 1e-7 to 10 over up to 100 steps on a fresh network; a tenth of the
     * rate at the smoothed loss's minimum suggested). Neither changes the model trained after them.
     */
    private List<String> checksBeforeTraining(TrainingConfig config, org.dendrite.core.data.LabeledTable rows) {
        List<String> found = new ArrayList<>();
        if (overfitCheck) found.add(org.dendrite.core.diagnostics.OverfitCheck.run(config, rows, org.dendrite.core.diagnostics.OverfitCheck.DEFAULT_ROWS).summary());
        if (lrRangeTest) {
            lrRange = org.dendrite.core.train.LrFinder.run(config, rows);
            // with a search, the test ran on the base configuration, and the model trains at the rate the search chooses; a schedule
            // that sets the rates itself (one-cycle, cyclic) does not use the optimizer's (it was named as the rate trained at)
            String rate = config.schedule().setsItsOwnRates() ? "the " + config.schedule().name() + " schedule sets this model's rates itself, "
                    + "not the optimizer's rate: compare the suggestion with its rates"
                    : String.format(java.util.Locale.ROOT, "%s %.3g", search instanceof NoSearch ? "this model trained at"
                    : "on the search's base configuration, whose rate is", config.optimizer().learningRate());
            found.add(String.format(java.util.Locale.ROOT, "LR range test: %d steps from %.0e; the smoothed loss was lowest at rate %.3g%s, so "
                    + "the suggested learning rate is %.3g (%s)%s.", lrRange.rates().length,
                    org.dendrite.core.train.LrFinder.DEFAULT_MIN_RATE, 10 * lrRange.suggestedRate(),
                    org.dendrite.core.train.LrFinder.suggestionWindow(lrRange.rates().length, org.dendrite.core.train.LrFinder.DEFAULT_STEPS)[0] > 0
                            ? " (past the first tenth of the steps, before the last 5, as fast.ai's lr_find)" : "", lrRange.suggestedRate(), rate,
                    diagnosticsFolder.isBlank() ? "" : "; the curve is lr-range-test.png in the diagnostics folder"));
        }
        return List.copyOf(found);
    }

    private void writeDiagnostics(Path dir) throws IOException {
        org.dendrite.core.io.AtomicWrite.text(dir.resolve("history.csv"), model.history().toCsv());
        org.dendrite.core.io.AtomicWrite.text(dir.resolve("history.json"), model.history().toJson());
        ModelIO.write(model, dir.resolve("model.json"));
        TrainingPlots.lossCurves(model.history(), dir.resolve("learning-curves.png"));
        TrainingPlots.metricCurves(model.history(), dir.resolve("validation-metrics.png"));
        TrainingPlots.weightAndGradientHistograms(model.network(), model.history(), dir.resolve("histograms"));
        if (lrRange != null) TrainingPlots.lrRangeTest(lrRange, dir.resolve("lr-range-test.png"));
        if (searchResult != null) {
            searchResult.writeTo(dir.resolve("search"));
        }
    }

    @Override
    public void setResume(boolean resume) {
        this.resume = resume;
    }

    @OptionMetadata(displayName = "resume", description = RESUME_HELP, commandLineParamName = "resume", commandLineParamSynopsis = "-resume",
            commandLineParamIsFlag = true, displayOrder = 20)
    @Override
    public boolean getResume() {
        return resume;
    }

    private static final String RESUME_HELP = "Keep the training state (the optimizer's moments, the schedule's clock, early stopping) in the "
            + "classifier, saved with it too, so that it can be trained further on the same rows: rebuilt with more epochs, or continued "
            + "by Weka's -continue-iterating after -l (other options than the run was started with are refused). Continued to more epochs, it is "
            + "the run trained to them from the start under a schedule of its own length (constant, step, ...), but not under the default "
            + "whole-run cosine, which is stretched to the new epochs from where it stands (its rate rises again). The saved model is larger: up to about four times (a copy of the weights and the optimizer's buffers).";

    @Override
    public double[] distributionForInstance(Instance inst) throws Exception {
        if (zeroR != null) {
            return zeroR.distributionForInstance(inst);
        }
        checkModel();
        if (inst.dataset() == null && inst.numAttributes() != header.numAttributes()) {
            // without a dataset the instance is read by the training header's attributes: its values must be one per attribute
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < header.numAttributes(); i++) names.append(i == 0 ? "" : ", ").append(header.attribute(i).name());
            throw new Exception("The instance has " + inst.numAttributes() + (inst.numAttributes() == 1 ? " value" : " values") + " and no dataset; the model's header has "
                    + header.numAttributes() + " attributes (" + org.dendrite.core.check.Check.shorten(names.toString())
                    + "): give one value per attribute, or set the instance's dataset (Instance.setDataset)");
        }
        Instances one = new Instances(inst.dataset() != null ? inst.dataset() : header, 0);
        one.add(inst);
        return distributionsForInstances(one)[0];
    }

    /**
     * A classifier around an already trained core model (e.g. one trained on Spark and loaded with
     * {@code ModelIO}): {@code header} describes the data it will see; its input attributes must match
     * the model's input columns in number, kind and (for nominal ones) values.
     */
    public static Dendrite fromModel(Model trained, Instances header) throws Exception {
        List<org.dendrite.core.data.Column> want = trained.preprocessor().columns(), have = InstancesConverter.columns(header);
        if (want.size() != have.size()) {
            throw new Exception("The model takes " + want.size() + " input attributes; the header has " + have.size());
        }
        int misplaced = org.dendrite.core.data.Column.misplaced(want, have.stream().map(org.dendrite.core.data.Column::name).toArray(String[]::new));
        for (int i = 0; i < want.size(); i++) {
            if (want.get(i).isNominal() != have.get(i).isNominal() || !want.get(i).categories().equals(have.get(i).categories()) || i == misplaced) {
                // by name too where the header holds the model's names elsewhere (attributes in another order went silently to other
                // weights); a Spark model's features[i] matches any name
                throw new Exception("Input attribute " + (i + 1) + " ('" + have.get(i).name() + "') does not match the model's column '"
                        + want.get(i).name() + "'");
            }
        }
        if (header.classAttribute().isNominal() != trained.task().isClassification()
                || (trained.task().isClassification() && header.classAttribute().numValues() != trained.task().classCount())) {
            throw new Exception("The class attribute does not match the model's target (" + (trained.task().isClassification()
                    ? trained.task().classCount() + " classes" : "numeric") + ")");
        }
        if (trained.task().isClassification()) {
            // a class both name at another place would turn the predictions around (a Spark model's classes are its label
            // indexer's, in its order; "0".."k-1" where the label had no names, matched by place)
            List<String> mine = trained.task().classes(), theirs = InstancesConverter.classes(header);
            for (int k = 0; k < mine.size(); k++) {
                int at = theirs.indexOf(mine.get(k));
                if (at >= 0 && at != k) {
                    throw new Exception("The model's class " + k + " is '" + mine.get(k) + "', which the class attribute holds as value " + at
                            + ": a class is its index, so order the attribute's values as the model's (" + String.join(", ", mine) + ")");
                }
            }
        }
        Dendrite d = new Dendrite();
        d.model = trained;
        d.header = new Instances(header, 0);
        // the options show the seed the model was trained with where Weka's int holds it (Monte-Carlo dropout reads the model's own)
        if (trained.provenance().seed() == (int) trained.provenance().seed()) d.seed = (int) trained.provenance().seed();
        return d;
    }

    /**
     * Why a model trained on {@code header} cannot take {@code insts}, or null when it can: the same
     * input attributes (Weka's own comparison) and a class attribute of the same kind and number of
     * values, whose labels may be named otherwise (MultiClassClassifier trains each pair of classes
     * under their own names and predicts under "class0", "class1"), but a label both hold must sit at
     * the same place.
     */
    private static String headerDifference(Instances insts, Instances header) {
        // Weka's own words here ("Class index differ: 0 != 4") said neither that the class was not set nor which attribute was missing
        String modelClass = "'" + header.classAttribute().name() + "' (attribute " + (header.classIndex() + 1) + ")";
        if (insts.classIndex() < 0) {
            return "its class attribute is not set (Instances.setClassIndex); the model's is " + modelClass;
        }
        if (insts.numAttributes() != header.numAttributes()) {
            List<String> given = new java.util.ArrayList<>(), trained = new java.util.ArrayList<>();
            for (int i = 0; i < insts.numAttributes(); i++) given.add(insts.attribute(i).name());
            for (int i = 0; i < header.numAttributes(); i++) trained.add(header.attribute(i).name());
            List<String> missing = trained.stream().filter(n -> !given.contains(n)).toList(), extra = given.stream().filter(n -> !trained.contains(n)).toList();
            return "it has " + given.size() + " attributes where the model's header has " + trained.size() + " (" + org.dendrite.core.check.Check.shorten(
                    String.join(", ", trained)) + ")" + (missing.isEmpty() ? "" : "; missing: " + org.dendrite.core.check.Check.shorten(String.join(", ", missing)))
                    + (extra.isEmpty() ? "" : "; not the model's: " + org.dendrite.core.check.Check.shorten(String.join(", ", extra)))
                    + " (weka.classifiers.misc.InputMappedClassifier maps attributes by name)";
        }
        if (insts.classIndex() != header.classIndex()) {
            return "its class attribute is '" + insts.classAttribute().name() + "' (attribute " + (insts.classIndex() + 1) + "), the model's " + modelClass;
        }
        for (int i = 0; i < header.numAttributes(); i++) {
            weka.core.Attribute a = insts.attribute(i), b = header.attribute(i);
            if (i != header.classIndex()) {
                String m = a.equalsMsg(b);
                if (m != null) return "Attributes differ at position " + (i + 1) + ": " + m;
            } else if (a.type() != b.type() || a.numValues() != b.numValues()) {
                return "the class attribute '" + a.name() + "' is " + weka.core.Attribute.typeToString(a) + (a.isNominal() ? " of " + a.numValues()
                        + " values" : "") + " where the model's was " + weka.core.Attribute.typeToString(b) + (b.isNominal() ? " of " + b.numValues()
                        + " values" : "");
            } else if (a.isNominal()) {
                List<String> given = InstancesConverter.classes(insts), trained = InstancesConverter.classes(header);
                for (int k = 0; k < given.size(); k++) {
                    // the labels may be named otherwise (MultiClassClassifier predicts a pair under class0 / class1), but a label
                    // both hold at another place would turn the predicted distribution around: predictions silently wrong
                    int at = trained.indexOf(given.get(k));
                    if (at >= 0 && at != k) {
                        return "the class attribute '" + a.name() + "' holds the model's values in another order: " + given + " where the "
                                + "model's are " + trained + " ('" + given.get(k) + "' is value " + (k + 1) + " here, " + (at + 1) + " in the model)";
                    }
                }
            }
        }
        return null;
    }

    @Override
    public double[][] distributionsForInstances(Instances insts) throws Exception {
        if (zeroR != null) {
            return zeroR.distributionsForInstances(insts);
        }
        checkModel();
        String differs = headerDifference(insts, header);
        if (differs != null) {
            throw new Exception("The test data's header differs from the training data's: " + differs);
        }
        try {
            // the instances' values only: their header was compared above (a model trained elsewhere may name its columns differently)
            double[][] t = InstancesConverter.rows(insts);
            checkMonteCarloPasses();
            // a chunk of rows at a time: Weka hands over a whole test set, whose one-hot rows need not fit in memory at once
            int chunk = Model.PREDICTION_BATCH, width = model.preprocessor().outputWidth();
            model.preprocessor().checkFits(Math.min(chunk, t.length));
            double[][] out = new double[t.length][];
            for (int from = 0; from < t.length; from += chunk) {
                int rows = Math.min(chunk, t.length - from);
                Matrix features = new Matrix(rows, width);
                for (int r = 0; r < rows; r++) {
                    try {
                        model.preprocessor().transformRow(t[from + r], -1, features.data(), r * width);
                    } catch (IllegalArgumentException e) {
                        // the instances handed over (a fold's test rows, one instance) are numbered among themselves only: said so
                        throw new IllegalArgumentException(e.getMessage() + (t.length == 1 ? " (the instance to predict)" : " (instance "
                                + (from + r + 1) + " of the " + t.length + " to predict, from 1 in the order given)"), e);
                    }
                }
                // the masks come from the seed the model was trained with (a long on Spark), as Spark's models draw them; a row's
                // masks depend on its values only, so the chunks give what one batch gives
                double[][] p = monteCarloPasses > 1 ? model.predictFeaturesMonteCarlo(features, monteCarloPasses, model.provenance().seed()).mean()
                        : model.predictFeatures(features);
                System.arraycopy(p, 0, out, from, rows);
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new Exception(e.getMessage(), e);
        }
    }

    /**
     * True for a nominal class. For a numeric one Weka's evaluation takes the predictions one at a time:
     * its batch path never marks the coverage and region-size figures, which a numeric prediction
     * without intervals does not have, as unavailable, so KnowledgeFlow printed "Coverage of cases
     * (0.95 level) 0 %" and the Experimenter recorded 0 where another regressor's is missing.
     */
    @Override
    public boolean implementsMoreEfficientBatchPrediction() {
        return header == null || header.classAttribute().isNominal();
    }

    private void checkModel() {
        if (model == null) {
            throw new IllegalStateException("Dendrite has not been trained yet: call buildClassifier first");
        }
    }

    /**
     * The one class value the rows of weight above 0 hold (a nominal class's label, a numeric class's
     * number; at least one row weighs more than 0), or null when they hold two or more.
     */
    private static String onlyClass(Instances rows) {
        double first = Double.NaN;
        for (int i = 0; i < rows.numInstances(); i++) {
            if (rows.instance(i).weight() == 0) continue;
            double v = rows.instance(i).classValue();
            if (Double.isNaN(first)) first = v;
            else if (v != first) return null;
        }
        return rows.classAttribute().isNominal() ? rows.classAttribute().value((int) first) : Double.toString(first);
    }

    /** The trained core model (null before training). */
    public Model getModel() {
        return model;
    }

    /** The measures the Experimenter can report beside each run's evaluation (Weka's AdditionalMeasureProducer). */
    private static final List<String> MEASURES = List.of("measureEpochs", "measureParameters", "measureTrainingLoss");

    @Override
    public java.util.Enumeration<String> enumerateMeasures() {
        return java.util.Collections.enumeration(MEASURES);
    }

    /**
     * measureEpochs: the epochs trained (fewer than configured when early stopping ended the run);
     * measureParameters: the network's weights and biases; measureTrainingLoss: the training loss of
     * the weights the model holds (the epoch early stopping kept, as toString shows it; it was the
     * last epoch's). Missing (Weka's missing value) for a ZeroR model or before training.
     */
    @Override
    public double getMeasure(String name) {
        if (!MEASURES.contains(name)) {
            throw new IllegalArgumentException(name + " is not a measure of Dendrite (its measures: " + String.join(", ", MEASURES) + ")");
        }
        if (model == null || model.history().last() == null) return weka.core.Utils.missingValue();
        return switch (name) {
            case "measureEpochs" -> model.history().size();
            case "measureParameters" -> model.network().parameterCount();
            default -> model.history().kept().trainLoss();
        };
    }

    @Override
    public String toString() {
        if (zeroR != null) {
            return "Dendrite: " + zeroReason + ", so no network was trained; Weka's ZeroR model is used instead:\n\n" + zeroR;
        }
        if (model == null) {
            return "Dendrite: no model built yet.";
        }
        StringBuilder sb = new StringBuilder("Dendrite neural network\n=======================\n\n");
        if (searchResult != null) {
            sb.append(searchResult.summary(5)).append("\nThe chosen configuration, trained on all training rows:\n\n");
        }
        sb.append(model.summary(getNumDecimalPlaces()));
        if (diagnosis != null) sb.append("Diagnosis: ").append(diagnosis).append('\n');
        for (String c : checks) sb.append(c).append('\n');
        if (diagnosticsFailure != null) sb.append("Warning: ").append(diagnosticsFailure).append('\n');
        return sb.toString();
    }

    // ---- options (Weka reads them from the annotations; defaults come from the core) ----

    /** Weka's options, then every optimizer, schedule and layer class with its defaults and options (as SMO lists its kernel's). */
    @Override
    public Enumeration<Option> listOptions() {
        List<Option> all = new ArrayList<>();
        for (Option o : Collections.list(super.listOptions())) {
            all.add(!o.name().equals("num-decimal-places") ? o : new Option("\t" + numDecimalPlacesTipText(), o.name(), o.numArguments(), o.synopsis()));
        }
        Dendrite d = new Dendrite();
        StringBuilder defaults = new StringBuilder("\nThe classifier's defaults:");
        for (LayerOption l : d.layers) defaults.append(" -layer ").append(OptionSupport.quoted(l.toString()));
        defaults.append(" -optimizer ").append(OptionSupport.quoted(d.optimizer.toString()));
        defaults.append(" -schedule ").append(OptionSupport.quoted(d.schedule.toString()));
        all.add(new Option("\tEach option object below is shown with its own defaults (Adam's and Cosine's are the classifier's).", "", 0,
                defaults.toString()));
        all.addAll(OptionSupport.describe("optimizer", OptimizerOption.all()));
        all.addAll(OptionSupport.describe("schedule", ScheduleOption.all()));
        all.addAll(OptionSupport.describe("layer", LayerOption.all()));
        all.addAll(OptionSupport.describe("search", SearchOption.all()));
        return Collections.enumeration(all);
    }

    /** Weka's annotation-driven options, in display order. */
    @Override
    public String[] getOptions() {
        // Weka writes -num-decimal-places where it is not its default of 2; Dendrite's is Model.SUMMARY_DECIMALS
        List<String> options = new ArrayList<>(List.of(OptionSupport.inDisplayOrder(super.getOptions(), getClass())));
        int at = options.indexOf("-num-decimal-places");
        if (at >= 0) options.subList(at, at + 2).clear();
        if (getNumDecimalPlaces() != Model.SUMMARY_DECIMALS) options.addAll(List.of("-num-decimal-places", String.valueOf(getNumDecimalPlaces())));
        return options.toArray(new String[0]);
    }

    /** The most decimal places the figures take (a double holds about 17 significant digits). */
    static final int MAX_DECIMAL_PLACES = 20;

    /** Weka's setter, checked here as -num-decimal-places is (the GUI sets it directly; a negative value failed in toString). */
    @Override
    public void setNumDecimalPlaces(int places) {
        if (places < 0 || places > MAX_DECIMAL_PLACES) {
            throw new IllegalArgumentException("-num-decimal-places " + places + ": allowed a whole number from 0 to " + MAX_DECIMAL_PLACES);
        }
        super.setNumDecimalPlaces(places);
    }

    @Override
    public String numDecimalPlacesTipText() {
        return "The number of decimal places of the training figures in the model's output (losses and accuracy; significant digits of "
                + "the RMSE) (default " + Model.SUMMARY_DECIMALS + ").";
    }

    /** Weka's annotation-driven parsing, after checking the nested option objects (whose errors it would swallow). */
    @Override
    public void setOptions(String[] options) throws Exception {
        OptionSupport.check(options, this);
        // Weka's own options of every classifier: a word for a number was a bare NumberFormatException, or kept as the batch size
        for (String name : new String[] {"num-decimal-places", "batch-size"}) {
            String v = weka.core.Utils.getOption(name, options.clone());
            boolean places = name.equals("num-decimal-places");
            int least = places ? 0 : 1, most = places ? MAX_DECIMAL_PLACES : Integer.MAX_VALUE;
            boolean whole = v.trim().matches("-?\\d{1,9}");
            if (!v.isEmpty() && (!whole || Integer.parseInt(v.trim()) < least || Integer.parseInt(v.trim()) > most)) {
                throw new Exception("Option -" + name + " " + weka.core.Utils.quote(v) + ": not a whole number " + (places ? "from 0 to " + most
                        : ">= " + least));
            }
        }
        super.setOptions(options);
    }

    @OptionMetadata(displayName = "hidden layers", description = "A hidden layer as a class name with its options, e.g. "
            + "\"org.dendrite.weka.layer.Dense -units 64 -activation elu -dropout 0.1\"; repeat -layer for each layer, in order "
            + "(none given: the default network).", commandLineParamName = "layer",
            commandLineParamSynopsis = "-layer <layer class and options>", displayOrder = 1)
    public LayerOption[] getLayers() { return layers; }
    public void setLayers(LayerOption[] v) { layers = v == null ? new LayerOption[0] : v; }

    /** Command line only (Weka writes no option for an empty array): a network without hidden layers, a linear/logistic model. */
    @OptionMetadata(displayName = "no hidden layers", description = "No hidden layer (a linear or logistic model); overrides -layer.",
            commandLineParamName = "no-hidden-layers", commandLineParamSynopsis = "-no-hidden-layers", commandLineParamIsFlag = true,
            displayOrder = 2)
    @ProgrammaticProperty
    public boolean getNoHiddenLayers() { return layers.length == 0; }
    public void setNoHiddenLayers(boolean v) {
        if (v) layers = new LayerOption[0];
    }

    @OptionMetadata(displayName = "epochs", description = OptionHelp.EPOCHS + " The iterations of IterativeClassifier.",
            commandLineParamName = "epochs", commandLineParamSynopsis = "-epochs <n>", displayOrder = 3)
    public int getEpochs() { return epochs; }
    public void setEpochs(int v) { epochs = v; }

    @OptionMetadata(displayName = "ensemble members", description = OptionHelp.MEMBERS, commandLineParamName = "members", commandLineParamSynopsis = "-members <k>",
            displayOrder = 4)
    public int getMembers() { return members; }
    public void setMembers(int v) { members = v; }

    /** Weka's tag list of an enum's lower-case names, {@code selected} chosen. */
    private static weka.core.SelectedTag tag(Enum<?>[] all, Enum<?> selected) {
        weka.core.Tag[] tags = new weka.core.Tag[all.length];
        for (int i = 0; i < all.length; i++) tags[i] = new weka.core.Tag(i, all[i].name().toLowerCase(Locale.ROOT));
        return new weka.core.SelectedTag(selected.ordinal(), tags);
    }

    @OptionMetadata(displayName = "data-dependent initialization", description = OptionHelp.DATA_INIT, commandLineParamName = "data-init",
            commandLineParamSynopsis = "-data-init <none|biases|scaled>", displayOrder = 4)
    public weka.core.SelectedTag getDataInit() { return dataInit; }
    public void setDataInit(weka.core.SelectedTag v) {
        dataInit = tag(DataInit.values(), DataInit.values()[v.getSelectedTag().getID()]);
    }

    @OptionMetadata(displayName = "numeric scaling", description = OptionHelp.SCALING,
            commandLineParamName = "scaling", commandLineParamSynopsis = "-scaling <standard|robust>", displayOrder = 9)
    public weka.core.SelectedTag getScaling() { return scaling; }
    public void setScaling(weka.core.SelectedTag v) {
        scaling = tag(org.dendrite.core.data.PreprocessingConfig.Scaling.values(),
                org.dendrite.core.data.PreprocessingConfig.Scaling.values()[v.getSelectedTag().getID()]);
    }

    @OptionMetadata(displayName = "label smoothing", description = OptionHelp.LABEL_SMOOTHING + " Raises no ROC area or log-loss.", commandLineParamName = "label-smoothing",
            commandLineParamSynopsis = "-label-smoothing <e>", displayOrder = 12)
    public double getLabelSmoothing() { return labelSmoothing; }
    public void setLabelSmoothing(double v) { labelSmoothing = v; }

    @OptionMetadata(displayName = "mini-batch size", description = OptionHelp.BATCH_SIZE, commandLineParamName = "mini-batch-size",
            commandLineParamSynopsis = "-mini-batch-size <n>", displayOrder = 4)
    public int getMiniBatchSize() { return miniBatchSize; }
    public void setMiniBatchSize(int v) { miniBatchSize = v; }

    @OptionMetadata(displayName = "optimizer", description = "The optimizer as a class name with its options, e.g. "
            + "\"org.dendrite.weka.optim.Sgd -lr 0.05 -momentum 0.9 -nesterov\" (the classes and their options are listed below).",
            commandLineParamName = "optimizer", commandLineParamSynopsis = "-optimizer <optimizer class and options>", displayOrder = 5)
    public OptimizerOption getOptimizer() { return optimizer; }
    public void setOptimizer(OptimizerOption v) { optimizer = v; }

    @OptionMetadata(displayName = "learning-rate schedule", description = "The learning-rate schedule as a class name with its "
            + "options, e.g. \"org.dendrite.weka.schedule.Cosine -period 100\" (the classes and their options are listed below).",
            commandLineParamName = "schedule", commandLineParamSynopsis = "-schedule <schedule class and options>", displayOrder = 6)
    public ScheduleOption getSchedule() { return schedule; }
    public void setSchedule(ScheduleOption v) { schedule = v; }

    @OptionMetadata(displayName = "L2 penalty", description = OptionHelp.L2,
            commandLineParamName = "l2", commandLineParamSynopsis = "-l2 <lambda>", displayOrder = 7)
    public double getL2() { return l2; }
    public void setL2(double v) { l2 = v; }

    @OptionMetadata(displayName = "L2 full rows", description = OptionHelp.L2_FULL_ROWS,
            commandLineParamName = "l2-full-rows", commandLineParamSynopsis = "-l2-full-rows <n>", displayOrder = 7)
    public long getL2FullRows() { return l2FullRows; }
    public void setL2FullRows(long v) { l2FullRows = v; }

    @OptionMetadata(displayName = "L1 penalty", description = "L1 penalty on weights (lambda sum |w| added to the mean loss).",
            commandLineParamName = "l1", commandLineParamSynopsis = "-l1 <lambda>", displayOrder = 8)
    public double getL1() { return l1; }
    public void setL1(double v) { l1 = v; }

    @OptionMetadata(displayName = "validation fraction", description = OptionHelp.VALIDATION_FRACTION, commandLineParamName = "validation-fraction",
            commandLineParamSynopsis = "-validation-fraction <f>", displayOrder = 10)
    public double getValidationFraction() { return validationFraction; }
    public void setValidationFraction(double v) { validationFraction = v; }

    @OptionMetadata(displayName = "early stopping patience", description = OptionHelp.PATIENCE, commandLineParamName = "patience", commandLineParamSynopsis = "-patience <epochs>",
            displayOrder = 11)
    public int getEarlyStoppingPatience() { return earlyStoppingPatience; }
    public void setEarlyStoppingPatience(int v) { earlyStoppingPatience = v; }

    @OptionMetadata(displayName = "training config JSON", description = OptionHelp.CONFIG_JSON, commandLineParamName = "config-json",
            commandLineParamSynopsis = "-config-json <json or file>", displayOrder = 13)
    public String getConfigJson() { return configJson; }
    public void setConfigJson(String v) { configJson = v == null ? "" : v; }

    @OptionMetadata(displayName = "diagnostics folder", description = "If set, the training history (CSV, JSON), the model (JSON), "
            + "learning-curve and validation-metric plots and weight/gradient histograms (PNG; the gradients are the last step's, not those of an earlier "
            + "epoch early stopping kept: each title says its epoch) are written after each training to a new "
            + "subfolder of this folder, NNN-<relation>-<rows>-rows (001-iris-150-rows), numbered in order (a cross-validation's full-set model first, then "
            + "one per fold).", commandLineParamName = "diagnostics", commandLineParamSynopsis = "-diagnostics <folder>",
            displayOrder = 14)
    public String getDiagnosticsFolder() { return diagnosticsFolder; }
    public void setDiagnosticsFolder(String v) { diagnosticsFolder = v == null ? "" : v; }

    @OptionMetadata(displayName = "initial model", description = OptionHelp.INITIAL_MODEL + " Written by -diagnostics, among others.", commandLineParamName = "initial-model",
            commandLineParamSynopsis = "-initial-model <model.json>", displayOrder = 16)
    public String getInitialModel() { return initialModel; }
    public void setInitialModel(String v) { initialModel = v == null ? "" : v; }

    @OptionMetadata(displayName = "frozen layers", description = OptionHelp.FROZEN_LAYERS, commandLineParamName = "freeze", commandLineParamSynopsis = "-freeze <N>", displayOrder = 17)
    public int getFrozenLayers() { return frozenLayers; }
    public void setFrozenLayers(int v) { frozenLayers = v; }

    @OptionMetadata(displayName = "Monte-Carlo dropout passes", description = "If > 1, predictions average this many stochastic passes with "
            + "dropout active (needs a layer with dropout > 0); a row's masks come from the seed the model was trained with and its own "
            + "values, so it gets the same prediction alone or in any batch, and the same as on Spark (monteCarloPasses).", commandLineParamName = "mc-dropout", commandLineParamSynopsis = "-mc-dropout <passes>",
            displayOrder = 18)
    public int getMonteCarloPasses() { return monteCarloPasses; }
    public void setMonteCarloPasses(int v) { monteCarloPasses = v; }

    @OptionMetadata(displayName = "hyperparameter search", description = "None (the default), or a search that tunes the options "
            + "above on a validation holdout of the training rows and trains the best configuration on all of them, e.g. "
            + "\"org.dendrite.weka.search.Hyperband -max-epochs 60\" (the classes and their options are listed below).",
            commandLineParamName = "search", commandLineParamSynopsis = "-search <search class and options>", displayOrder = 19)
    public SearchOption getSearch() { return search; }
    public void setSearch(SearchOption v) { search = v == null ? new NoSearch() : v; }

    /** The last search's trials and chosen configuration (null when no search ran). */
    public SearchResult getSearchResult() {
        return searchResult;
    }

    @OptionMetadata(displayName = "seed", description = OptionHelp.SEED, commandLineParamName = "S",
            commandLineParamSynopsis = "-S <seed>", displayOrder = 15)
    @Override
    public int getSeed() { return seed; }
    @Override
    public void setSeed(int v) { seed = v; }

    public String resumeTipText() { return RESUME_HELP; }

    @OptionMetadata(displayName = "overfit check", description = "Before training, check that the network can learn about 20 of the "
            + "training rows (a row of each class in turn: every class when there are at most 20) without regularization, as a first debugging step (a network that cannot has a problem in "
            + "its configuration or the data, not in generalization); the result is in the model's output. The model trained after it "
            + "is the same.", commandLineParamName = "overfit-check", commandLineParamSynopsis = "-overfit-check",
            commandLineParamIsFlag = true, displayOrder = 21)
    public boolean getOverfitCheck() { return overfitCheck; }
    public void setOverfitCheck(boolean v) { overfitCheck = v; }

    @OptionMetadata(displayName = "LR range test", description = "Before training, run the learning-rate range test (Smith 2017) on the "
            + "training rows: a fresh network trained while the rate grows from 1e-7 to 10 over up to 100 steps (stopping once the smoothed loss is 4 times its minimum); the model's output gives the "
            + "rate where the smoothed loss was lowest (past the first tenth of the steps and before the last 5, as fast.ai's lr_find) and a tenth of it as the suggested learning rate (-diagnostics also plots the curve). "
            + "The model trained after it is the same: set the optimizer's -lr to use the suggestion.", commandLineParamName = "lr-range-test",
            commandLineParamSynopsis = "-lr-range-test", commandLineParamIsFlag = true, displayOrder = 22)
    public boolean getLrRangeTest() { return lrRangeTest; }
    public void setLrRangeTest(boolean v) { lrRangeTest = v; }

    @Override
    public String getRevision() {
        return RevisionUtils.extract("$Revision: 1 $");
    }

    public static void main(String[] args) {
        runClassifier(new Dendrite(), args);
    }
}
