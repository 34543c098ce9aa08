package org.dendrite.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.augment.Augmentation;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.diagnostics.DiagnosticsConfig;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Adam;
import org.dendrite.core.train.GradientClipping;
import org.dendrite.core.regularization.Pruning;
import org.dendrite.core.regularization.Regularization;
import org.dendrite.core.schedule.Cosine;
import org.dendrite.core.schedule.Schedule;
import org.dendrite.core.train.EarlyStopping;
import org.dendrite.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * docs/first-defaults.json, the documented way back to the first version's defaults
 * ({@code -config-json} in Weka, {@code configJson} in Spark), reads as exactly those defaults:
 * one dense layer of 48 ReLU units, 60 epochs of batches of 32, Adam at 1.5e-2 annealed by cosine
 * over the run, L2 7e-3, standard scaling, one member. The expected values are written out here
 * by hand (from the first version's TrainingConfig), not taken from today's defaults.
 */
class FirstDefaultsTest {
    @Test
    void theDocumentedFileReadsAsTheFirstVersionsDefaults() throws IOException {
        Path file = Path.of(System.getProperty("dendrite.testData")).resolveSibling("docs").resolve("first-defaults.json");
        TrainingConfig read = SpecFormat.readTrainingConfig(Files.readString(file));
        TrainingConfig first = new TrainingConfig(
                new NetworkSpec(List.of(new DenseSpec(48, new Relu(), null, true, DenseSpec.BatchNorm.NONE, 0.0)), 1), null,
                new Adam(0.015, 0.9, 0.999, 1e-8, 0, false), new Cosine(0, 0, false, 1, Schedule.Unit.EPOCH), 60, 32, 1,
                new PreprocessingConfig(true, true, false, true, org.dendrite.core.data.Whitening.Kind.NONE, PreprocessingConfig.Scaling.STANDARD),
                new Regularization(0, 0.007, false, false, 0), 0, new EarlyStopping(org.dendrite.core.train.Monitor.VALIDATION_LOSS, 0, 0, true),
                new Augmentation(0, 0), new Pruning(0, 0, 0), new DiagnosticsConfig(100, 0), new GradientClipping(0, 0), 0);
        assertEquals(first, read);
    }
}
