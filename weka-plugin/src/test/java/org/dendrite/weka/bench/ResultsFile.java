package org.dendrite.weka.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable results of {@link WekaComparison}: JSON
 * {@code {"format": "dendrite-weka-comparison", "version": 1, "meta": {...}, "results": [...]}}, one
 * object per dataset x classifier x configuration with every number of a {@link Result} under
 * snake_case names (NaN written as null), including the fold scores that a later run's paired tests
 * need. Rows read back keep their numbers; their tests are recomputed by the run that reads them.
 */
final class ResultsFile {
    static final String FORMAT = "dendrite-weka-comparison";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsFile() {}

    static void write(Path file, Map<String, String> meta, List<Result> results) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode m = root.putObject("meta");
        meta.forEach(m::put);
        ArrayNode rows = root.putArray("results");
        for (Result r : results) {
            ObjectNode o = rows.addObject();
            o.put("dataset", r.dataset());
            o.put("dataset_sha256", r.datasetSha256());
            o.put("task", r.task());
            o.put("rows", r.rows());
            o.put("inputs", r.inputs());
            o.put("classes", r.classes());
            o.put("repetitions", r.repetitions());
            o.put("folds", CrossValidation.FOLDS);
            o.put("classifier", r.classifier());
            o.put("configuration", r.configuration());
            o.put("options", r.options());
            number(o, "accuracy", r.accuracy());
            number(o, "accuracy_seed1", r.accuracySeed1());
            number(o, "weighted_auc", r.weightedAuc());
            number(o, "correlation", r.correlation());
            number(o, "rmse", r.rmse());
            number(o, "cv_seconds", r.cvSeconds());
            o.put("cv_timing", r.cvTiming());
            number(o, "first_run_seconds", r.firstRunSeconds());
            o.put("first_run_timing", r.firstRunTiming());
            number(o, "first_run_in_process_seconds", r.firstRunInProcessSeconds());
            number(o, "first_run_process_seconds", r.firstRunProcessSeconds());
            o.put("fold_measure", r.measure());
            ArrayNode folds = o.putArray("fold_scores");
            for (double s : r.foldScores()) folds.add(s);
            o.put("source", r.source());
            ArrayNode tests = o.putArray("tests");
            for (PairedTest t : r.tests()) {
                ObjectNode to = tests.addObject();
                to.put("against", t.against());
                to.put("measure", t.measure());
                number(to, "difference", t.difference());
                number(to, "p", t.p());
                to.put("verdict", t.verdict());
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The rows of a results file, their source set to the file's path and their tests dropped. */
    static List<Result> read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + " is not a results file of WekaComparison (format \"" + root.path("format").asText() + "\")");
        }
        int version = root.path("version").asInt();
        if (version > VERSION) throw new IOException(file + ": unknown version " + version + ", this class reads at most version " + VERSION);
        List<Result> results = new ArrayList<>();
        for (JsonNode o : root.path("results")) {
            double[] folds = new double[o.path("fold_scores").size()];
            for (int i = 0; i < folds.length; i++) folds[i] = o.path("fold_scores").get(i).asDouble();
            results.add(new Result(o.path("dataset").asText(), o.path("dataset_sha256").asText(), o.path("task").asText(),
                    o.path("rows").asInt(), o.path("inputs").asInt(), o.path("classes").asInt(), o.path("repetitions").asInt(),
                    o.path("classifier").asText(), o.path("configuration").asText(), o.path("options").asText(),
                    number(o, "accuracy"), number(o, "accuracy_seed1"), number(o, "weighted_auc"), number(o, "correlation"),
                    number(o, "rmse"), number(o, "cv_seconds"), o.path("cv_timing").asText(), number(o, "first_run_seconds"),
                    o.path("first_run_timing").asText(), number(o, "first_run_in_process_seconds"),
                    number(o, "first_run_process_seconds"), folds, file.toString(), List.of()));
        }
        return results;
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) o.putNull(name);
        else o.put(name, v);
    }

    private static double number(JsonNode o, String name) {
        JsonNode v = o.path(name);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
