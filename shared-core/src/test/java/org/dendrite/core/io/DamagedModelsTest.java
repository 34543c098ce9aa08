package org.dendrite.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dendrite.core.testutil.DamagedModels;
import org.dendrite.core.testutil.DamagedModels.Case;
import org.dendrite.core.testutil.DamagedModels.Outcome;
import org.dendrite.core.train.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of test-data/damaged-models/ through the core reader, from its path and from a stream:
 * a correct model or a ModelFormatException naming the file and the field, within the memory bound,
 * and the file unchanged.
 */
class DamagedModelsTest {
    private static final List<String> RATIOS = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> everyCorpusFileThroughThePathAndTheStreamReader() throws Exception {
        return DamagedModels.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) throws Exception {
        String before = DamagedModels.hash(c.file());
        Outcome<Model> fromPath = DamagedModels.run(() -> ModelIO.read(c.file()));
        expect(c, fromPath, c.file().toString(), "the path reader");
        if (Files.isRegularFile(c.file())) {
            String source = "stream:" + c.name();
            Outcome<Model> fromStream = DamagedModels.run(() -> {
                try (InputStream in = Files.newInputStream(c.file())) {
                    return ModelIO.read(in, source);
                }
            });
            expect(c, fromStream, source, "the stream reader");
            long size = Files.size(c.file());
            synchronized (RATIOS) {
                if (size > 16 << 10)
                RATIOS.add(String.format(Locale.ROOT, "%8.1f bytes allocated per file byte (%8d bytes) %s", (double) fromPath.allocated() / size, size,
                        c.name()));
            }
        }
        DamagedModels.assertUnchanged(c, before);
    }

    static void expect(Case c, Outcome<Model> o, String source, String way) throws Exception {
        DamagedModels.assertWithinBound(c, o.allocated(), way);
        if (c.loads()) {
            if (o.error() != null) {
                throw new AssertionError(c.name() + " should load through " + way + ": " + o.error(), o.error());
            }
            Model m = o.value();
            assertNotNull(m);
            double[] p = m.predictRow(new double[m.preprocessor().columns().size()]);
            assertEquals(m.predictionWidth(), p.length);
            if (c.sameAs() != null) {
                assertEquals(ModelIO.toJson(ModelIO.read(DamagedModels.dir().resolve(c.sameAs()))), ModelIO.toJson(m),
                        c.name() + " reads as the same model as " + c.sameAs());
            }
            return;
        }
        assertNull(o.value(), c.name());
        if (o.error() == null || o.error().getClass() != ModelFormatException.class) {
            throw new AssertionError(c.name() + " through " + way + ": expected a ModelFormatException, got " + o.error(), o.error());
        }
        c.assertClearError(o.error(), source);
    }

    @AfterAll
    static void printAllocations() {
        RATIOS.sort(null);
        System.out.println("Allocation while reading the corpus files over 16 KB (largest last):");
        RATIOS.subList(Math.max(0, RATIOS.size() - 8), RATIOS.size()).forEach(System.out::println);
    }

    /** A string longer than the reader's limit (1,000,000 characters), made here rather than committed. */
    @Test
    void aHugeStringIsRefusedByTheReadersLimit(@TempDir Path dir) throws Exception {
        String base = Files.readString(DamagedModels.dir().resolve("valid-classifier.json"));
        Path f = dir.resolve("huge-class-name.json");
        Files.writeString(f, base.replace("\"neg\"", "\"" + "n".repeat(1_500_000) + "\""));
        Case c = new Case(f.getFileName().toString(), f, false, List.of("exceeds a limit", "string", "$.task.classes"), null);
        Outcome<Model> o = DamagedModels.run(() -> ModelIO.read(f));
        expect(c, o, f.toString(), "the path reader");
    }

    /** A 20 MB number (the issue saw 200 MB end in an NPE): the limit's message, the file named, memory within the bound. */
    @Test
    void aTwentyMegabyteNumberKeepsTheLimitsMessage(@TempDir Path dir) throws Exception {
        String base = Files.readString(DamagedModels.dir().resolve("valid-classifier.json"));
        Path f = dir.resolve("huge-number.json");
        int at = base.indexOf("\"output.bias\" : [ ") + "\"output.bias\" : [ ".length();
        try (var out = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            out.write(base, 0, at);
            out.write("0.");
            char[] digits = new char[1 << 20];
            java.util.Arrays.fill(digits, '7');
            for (int i = 0; i < 20; i++) out.write(digits);
            out.write(", ");
            out.write(base, at, base.length() - at);
        }
        Case c = new Case(f.getFileName().toString(), f, false, List.of("exceeds a limit", "number", "$.parameters.output.bias"), null);
        expect(c, DamagedModels.run(() -> ModelIO.read(f)), f.toString(), "the path reader");
    }

    /**
     * Large files, where the constant of the bound no longer helps: the densest texts per value (a
     * minified model whose weights are all "0", a history of 2 million zeros, a million empty objects)
     * and an ordinary model of 150,000 weights stay within 64 bytes per file byte.
     */
    @Test
    void largeFilesStayWithinTheBoundPerByte(@TempDir Path dir) throws Exception {
        Model wide = SyntheticModels.wide(200, 300, 5);
        String ordinary = ModelIO.toJson(wide);
        for (org.dendrite.core.layer.Parameter p : wide.network().parameters()) java.util.Arrays.fill(p.value(), 0f);
        String zeros = ModelIO.toJson(wide).replaceAll("\\s+", "").replace("0.0,", "0,").replace("0.0]", "0]");
        String base = Files.readString(DamagedModels.dir().resolve("valid-classifier.json")).replaceAll("\\s+(?=([^\"]*\"[^\"]*\")*[^\"]*$)", "");
        String history = base.replace("\"step_learning_rates\":[", "\"step_learning_rates\":[" + "0,".repeat(2_000_000));
        String empties = base.replace("\"epochs\":[", "\"epochs\":[" + "{},".repeat(1_000_000));
        for (String[] c : new String[][] {{"ordinary.json", ordinary, "loads"}, {"zeros.json", zeros, "loads"}, {"history.json", history, "loads"},
                {"empties.json", empties, "$.history.epochs[0].epoch"}}) {
            Path f = dir.resolve(c[0]);
            Files.writeString(f, c[1]);
            boolean loads = c[2].equals("loads");
            Case k = new Case(c[0], f, loads, loads ? List.of() : List.of(c[2]), null);
            Outcome<Model> o = DamagedModels.run(() -> ModelIO.read(f));
            expect(k, o, f.toString(), "the path reader");
            System.out.printf(Locale.ROOT, "%s: %d bytes, %.1f bytes allocated per byte%n", c[0], Files.size(f), (double) o.allocated() / Files.size(f));
            assertTrue(o.allocated() <= DamagedModels.BYTES_PER_FILE_BYTE * Files.size(f), c[0] + " allocated " + o.allocated());
        }
    }

    @Test
    void aModelJsonStringNamesItsSource() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(ModelFormatException.class, () -> ModelIO.fromJson("{\"format\": 3}"));
        assertSame(ModelFormatException.class, e.getClass());
        assertEquals("The model JSON: Not a Dendrite model: $.format is the number 3, expected \"dendrite-model\"", e.getMessage());
    }
}
