package org.dendrite.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.dendrite.core.io.SearchFormat;
import org.dendrite.core.io.SpecFormat;
import org.dendrite.core.search.Asha;
import org.dendrite.core.search.Choice;
import org.dendrite.core.search.Continuation;
import org.dendrite.core.search.FullBudget;
import org.dendrite.core.search.GridSampler;
import org.dendrite.core.search.Hyperband;
import org.dendrite.core.search.IntUniform;
import org.dendrite.core.search.Metric;
import org.dendrite.core.search.RandomSampler;
import org.dendrite.core.search.SearchConfig;
import org.dendrite.core.search.SearchParameter;
import org.dendrite.core.search.SearchSpace;
import org.dendrite.core.search.SuccessiveHalving;
import org.dendrite.core.search.Validation;
import org.dendrite.core.search.ZoomSampler;
import org.dendrite.weka.search.NoSearch;
import org.dendrite.weka.search.SearchOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.Dendrite;
import weka.core.Instances;
import weka.core.SerializedObject;
import weka.core.Utils;

/** The -search option: option strings to core search configurations and back, errors, and the tuned classifier inside Weka's evaluation. */
class SearchOptionTest {
    private static final String P = "org.dendrite.weka.search.";
    private static final SearchSpace SMALL = new SearchSpace(List.of(new SearchParameter("units", new IntUniform(4, 16)),
            new SearchParameter("batchSize", Choice.of(16, 32))));

    @Test
    void everySearchClassStartsFromTheCoreDefaultsAndRoundTrips() throws Exception {
        List<SearchConfig> expected = java.util.Arrays.asList(null, SearchConfig.DEFAULT.withScheduler(FullBudget.DEFAULT),
                SearchConfig.DEFAULT.withScheduler(SuccessiveHalving.DEFAULT), SearchConfig.DEFAULT, SearchConfig.DEFAULT.withScheduler(Asha.DEFAULT));
        List<SearchOption> all = SearchOption.all();
        assertEquals(expected.size(), all.size());
        for (int i = 0; i < all.size(); i++) {
            SearchOption o = all.get(i);
            assertEquals(expected.get(i), o.toCore(), o.getClass().getName());
            assertEquals(expected.get(i), NestedOptionTest.parse(o.toString()).toCore(), o.toString());
            assertTrue(!o.globalInfo().isBlank());
        }
    }

    @Test
    void optionStringsGiveTheCoreSearch() throws Exception {
        String space = SearchFormat.writeSpace(SMALL).replace("\n", " ");
        SearchOption o = (SearchOption) NestedOptionTest.parse(P + "Hyperband -min-epochs 2 -max-epochs 30 -eta 2 -continuation restart "
                + "-sampler zoom -zoom-rounds 2 -zoom-top 4 -zoom-shrink 0.3 -holdout 0.3 -metric accuracy -threads 1 -space "
                + OptionSupport.quoted(space));
        SearchConfig want = new SearchConfig(SMALL, new ZoomSampler(2, 4, 0.3), new Hyperband(2, 30, 2), new Validation(0.3, 0), Metric.ACCURACY,
                Continuation.RESTART, 1);
        assertEquals(want, o.toCore());
        SearchOption back = (SearchOption) NestedOptionTest.parse(o.toString());
        assertArrayEquals(o.getOptions(), back.getOptions());
        assertEquals(want, back.toCore());
        assertEquals(want, ((SearchOption) new SerializedObject(o).getObject()).toCore(), "the GenericObjectEditor copies by serialization");
        assertEquals(new SearchConfig(null, new GridSampler(5), new FullBudget(7), new Validation(0.2, 4), Metric.AUTO, Continuation.AUTO, 0),
                NestedOptionTest.parse(P + "RandomSearch -trials 7 -sampler grid -grid-points 5 -folds 4").toCore());
        assertEquals(SearchConfig.DEFAULT.withScheduler(new Asha(9, 1, 9, 3, 2)).withSampler(new RandomSampler()),
                NestedOptionTest.parse(P + "Asha -trials 9 -min-epochs 1 -max-epochs 9 -workers 2").toCore());
    }

    @Test
    void theSpaceMayBeAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("space.json");
        Files.writeString(f, SearchFormat.writeSpace(SMALL));
        assertEquals(SMALL, ((SearchOption) NestedOptionTest.parse(P + "RandomSearch -space " + OptionSupport.quoted(f.toString()))).toCore().space());
    }

    @Test
    void errorsNameTheOption() throws Exception {
        var eta = assertThrows(IllegalArgumentException.class, () -> NestedOptionTest.parse(P + "Hyperband -eta 1").toCore());
        assertTrue(eta.getMessage().startsWith("Hyperband option -eta: Invalid eta: 1 (allowed: an integer >= 2)"), eta.getMessage());
        var space = assertThrows(IllegalArgumentException.class,
                () -> NestedOptionTest.parse(P + "RandomSearch -space \"{\\\"parameters\\\": {\\\"width\\\": [8]}}\"").toCore());
        assertTrue(space.getMessage().startsWith("RandomSearch option -space: The search space: $.parameters.width: Unknown search parameter 'width'; "
                + "allowed: optimizer, learningRate"), space.getMessage());
        var holdout = assertThrows(IllegalArgumentException.class, () -> NestedOptionTest.parse(P + "Asha -holdout 1.5").toCore());
        assertTrue(holdout.getMessage().startsWith("Asha option -holdout: Invalid holdout: 1.5"), holdout.getMessage());
        // options that the search's other settings leave unused were silently not used: a holdout beside folds, another sampler's
        var both = assertThrows(IllegalArgumentException.class, () -> NestedOptionTest.parse(P + "RandomSearch -holdout 0.5 -folds 3").toCore());
        assertTrue(both.getMessage().startsWith("RandomSearch option -holdout: Contradictory validation: a holdout of 0.5 beside 3 folds"),
                both.getMessage());
        var grid = assertThrows(IllegalArgumentException.class, () -> NestedOptionTest.parse(P + "RandomSearch -grid-points 5").toCore());
        assertTrue(grid.getMessage().startsWith("RandomSearch: -grid-points 5 sets the grid sampler's points, but this "
                + "search's sampler is random: give -sampler grid, or leave -grid-points out"), grid.getMessage());
        var zoom = assertThrows(IllegalArgumentException.class, () -> NestedOptionTest.parse(P + "RandomSearch -sampler grid -zoom-shrink 0.3").toCore());
        assertTrue(zoom.getMessage().contains("-zoom-rounds, -zoom-top and -zoom-shrink set the zoom sampler, but this search's sampler is grid"),
                zoom.getMessage());
        Exception sampler = assertThrows(Exception.class, () -> NestedOptionTest.parse(P + "Hyperband -sampler bayes"));
        assertTrue(sampler.getMessage().contains("Option -sampler bayes: not one of random, grid, zoom"), sampler.getMessage());
        // through the classifier: its option named too, and a budget that leaves one rung is refused before any training
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-epochs 2 -search \"" + P + "Hyperband\""));
        Exception e = assertThrows(Exception.class, () -> d.buildClassifier(DendriteClassifierTest.load("iris.arff")));
        assertTrue(e.getMessage().startsWith("Invalid option: -search: Hyperband option -max-epochs: Invalid hyperband budget: with maxEpochs 2"),
                e.getMessage());
        // a holdout that these rows (one a class) leave nothing to validate on: refused before any trial, naming the option
        weka.core.Instances iris = DendriteClassifierTest.load("iris.arff"), three = new weka.core.Instances(iris, 0);
        for (int i : new int[] {0, 50, 100}) three.add(iris.instance(i));
        Dendrite small = new Dendrite();
        small.setOptions(Utils.splitOptions("-epochs 2 -search \"" + P + "RandomSearch -trials 2\""));
        e = assertThrows(Exception.class, () -> small.buildClassifier(three));
        assertEquals("-search -holdout: Invalid holdout for these rows (the search's holdout scores its trials): A validation fraction of "
                + "0.2 leaves 3 training and 0 validation rows out of 3; both need at least one; use more rows, another holdout or folds",
                e.getMessage());
    }

    /**
     * Default epochs are chosen from the training rows (100 below 3,000 rows, docs/design.md), so a
     * budget search with its default maximum (0: the classifier's epochs) learns them only at the fit:
     * the option is accepted and the rungs end at the 100 epochs the rows give.
     */
    @Test
    void aBudgetSearchWithDefaultEpochsTakesItsMaximumFromTheRows() throws Exception {
        org.dendrite.weka.search.SuccessiveHalving sh = new org.dendrite.weka.search.SuccessiveHalving();
        sh.setTrials(9);
        sh.setMinEpochs(11);
        sh.setSpace(SearchFormat.writeSpace(SMALL));
        Dendrite d = new Dendrite();
        d.setSearch(sh);
        d.buildClassifier(DendriteClassifierTest.load("iris.arff"));
        String s = d.toString();
        assertTrue(s.contains("Hyperparameter search: successive halving (9 trials, eta 3, rungs 9 x 11, 3 x 33, 1 x 100 epochs)"), s);
        // an explicit budget that the rows' epochs cannot hold is refused at the fit, before any trial trains
        Dendrite tooShort = new Dendrite();
        tooShort.setOptions(Utils.splitOptions("-search \"" + P + "Hyperband -min-epochs 60\""));
        Exception e = assertThrows(Exception.class, () -> tooShort.buildClassifier(DendriteClassifierTest.load("iris.arff")));
        assertTrue(e.getMessage().contains("Invalid hyperband budget: with maxEpochs 100 (0: the configuration's epochs), minEpochs 60 and eta 3 there is only one rung"), e.getMessage());
    }

    @Test
    void theClassifierRoundTripsItsSearchOption() throws Exception {
        Dendrite d = new Dendrite();
        assertTrue(d.getSearch() instanceof NoSearch);
        assertNull(d.searchConfig());
        d.setOptions(Utils.splitOptions("-epochs 8 -search \"" + P + "SuccessiveHalving -trials 4 -min-epochs 2 -eta 2\" -S 3"));
        SearchConfig want = SearchConfig.DEFAULT.withScheduler(new SuccessiveHalving(4, 2, 0, 2));
        assertEquals(want, d.searchConfig());
        Dendrite back = new Dendrite();
        back.setOptions(d.getOptions());
        assertEquals(want, back.searchConfig());
        assertArrayEquals(d.getOptions(), back.getOptions());
        StringBuilder help = new StringBuilder();
        for (weka.core.Option o : java.util.Collections.list(d.listOptions())) help.append(o.synopsis()).append('\n').append(o.description()).append('\n');
        for (SearchOption o : SearchOption.all()) assertTrue(help.indexOf("-search " + OptionSupport.quoted(o.toString())) >= 0, o.toString());
    }

    /** Nested: Weka's 3-fold cross-validation runs the whole search inside each fold's training rows. */
    @Test
    void aTunedClassifierCrossValidatesWithWekasEvaluationAndShowsItsChoice() throws Exception {
        Instances iris = DendriteClassifierTest.load("iris.arff");
        org.dendrite.weka.search.SuccessiveHalving sh = new org.dendrite.weka.search.SuccessiveHalving();
        sh.setTrials(4);
        sh.setMinEpochs(3);
        sh.setEta(2);
        sh.setThreads(2);
        sh.setSpace(SearchFormat.writeSpace(SMALL));
        Dendrite d = new Dendrite();
        // a short base run (12 epochs) needs a higher rate than the defaults' 1e-2 to fit iris
        d.setOptions(Utils.splitOptions("-optimizer \"org.dendrite.weka.optim.Adam -lr 0.03\""));
        d.setEpochs(12);
        d.setSearch(sh);
        // Weka's own quoting of the nested option with its JSON round-trips
        Dendrite copy = new Dendrite();
        copy.setOptions(d.getOptions());
        assertEquals(d.searchConfig(), copy.searchConfig());
        Evaluation ev = new Evaluation(iris);
        ev.crossValidateModel(d, iris, 3, new Random(1));
        assertTrue(ev.pctCorrect() > 85, "iris accuracy of the tuned procedure " + ev.pctCorrect());

        d.buildClassifier(iris);
        String s = d.toString();
        assertTrue(s.contains("Hyperparameter search: successive halving (4 trials, eta 2, rungs 4 x 3, 2 x 6, 1 x 12 epochs)") && s.contains("Best configuration (for -config-json / configJson):")
                && s.contains("Top 4 trials:") && s.contains("The chosen configuration, trained on all training rows"), s);
        // the chosen configuration trained on all rows, with the epochs it was chosen at: what -config-json reproduces
        assertEquals(12, d.getModel().history().size());
        Dendrite again = new Dendrite();
        again.setConfigJson(SpecFormat.write(d.getSearchResult().bestConfig()));
        again.setSeed(d.getSeed());
        again.buildClassifier(iris);
        assertArrayEquals(d.distributionForInstance(iris.instance(7)), again.distributionForInstance(iris.instance(7)), 0);
    }
}
