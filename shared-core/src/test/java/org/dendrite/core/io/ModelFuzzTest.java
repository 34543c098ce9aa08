package org.dendrite.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dendrite.core.testutil.DamagedModels;
import org.dendrite.core.testutil.DamagedModels.Outcome;
import org.dendrite.core.train.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random mutations of valid model files (byte flips, deleted, duplicated and truncated text, numbers
 * replaced by huge, negative, non-finite or mistyped values, fields deleted or replaced, deep nesting),
 * each read from a stream: the result is a model that writes back and reads again to the same JSON,
 * or a ModelFormatException naming the source, within the memory bound and a time limit per case.
 *
 * <p>Seeded: {@code -Ddendrite.fuzz.seed=N} (default 16) and {@code -Ddendrite.fuzz.seconds=S}
 * (default 12, the run stops after S seconds or {@code -Ddendrite.fuzz.cases=N} cases, default 5000). A
 * failure names the case's own seed; rerun it alone with {@code -Ddendrite.fuzz.case=SEED}.
 */
class ModelFuzzTest {
    private static final String[] NUMBERS = {"1e39", "-1e39", "1e400", "-1e400", "1e-400", "3.4028236e38", "0", "-0", "-1", "-7", "0.5",
        "2147483647", "2147483648", "-2147483649", "300000000", "9223372036854775808", "123456789012345678901234567890", "1e99999999999",
        "1.5", "1e9", "\"1\"", "\"NaN\"", "NaN", "Infinity", "null", "true", "[]", "{}", "\"\"", "[1]", "{\"type\":\"dense\"}"};

    private record Base(String name, String json) {}

    private static List<Base> bases() throws Exception {
        List<Base> b = new ArrayList<>();
        b.add(new Base("v1-classifier", Files.readString(DamagedModels.dir().resolve("valid-classifier.json"))));
        b.add(new Base("regressor", Files.readString(DamagedModels.dir().resolve("valid-regressor.json"))));
        b.add(new Base("every-layer", ModelIO.toJson(SyntheticModels.everyLayer(1))));
        b.add(new Base("three-classes", ModelIO.toJson(SyntheticModels.classifier(2))));
        b.add(new Base("logistic", ModelIO.toJson(SyntheticModels.logistic(3))));
        for (Base x : b) ModelIO.fromJson(x.json()); // every base is valid
        return b;
    }

    @Test
    @Timeout(300)
    void mutatedModelsLoadOrFailClearly() throws Exception {
        List<Base> bases = bases();
        long seed = Long.getLong("dendrite.fuzz.seed", 16);
        String only = System.getProperty("dendrite.fuzz.case");
        long seconds = Long.getLong("dendrite.fuzz.seconds", 12), maxCases = Long.getLong("dendrite.fuzz.cases", 5000);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        SplittableRandom seeds = new SplittableRandom(seed);
        int cases = 0, loaded = 0;
        while (cases < maxCases && System.nanoTime() < deadline) {
            long caseSeed = only != null ? Long.parseLong(only) : seeds.nextLong();
            SplittableRandom r = new SplittableRandom(caseSeed);
            Base base = bases.get(r.nextInt(bases.size()));
            StringBuilder how = new StringBuilder(base.name());
            byte[] bytes = mutate(base.json(), r, how);
            String source = "fuzz case " + caseSeed;
            long start = System.nanoTime();
            Outcome<Model> o = DamagedModels.run(() -> ModelIO.read(new ByteArrayInputStream(bytes), source));
            double secondsTaken = (System.nanoTime() - start) / 1e9;
            String id = "case seed " + caseSeed + " (run seed " + seed + "; rerun with -Ddendrite.fuzz.case=" + caseSeed + "): " + how;
            try {
                check(o, bytes, source, secondsTaken);
            } catch (AssertionError e) {
                throw new AssertionError(id + ": " + e.getMessage(), e.getCause() != null ? e.getCause() : e);
            }
            if (o.value() != null) loaded++;
            cases++;
            if (only != null) break;
        }
        System.out.printf("Fuzz: %d mutated model files (run seed %d), %d loaded, the others failed with a clear error%n", cases, seed, loaded);
    }

    private static void check(Outcome<Model> o, byte[] bytes, String source, double seconds) throws Exception {
        long bound = DamagedModels.BYTES_PER_FILE_BYTE * bytes.length + DamagedModels.CONSTANT_BYTES;
        if (o.allocated() > bound) {
            throw new AssertionError("allocated " + o.allocated() + " bytes reading " + bytes.length + " (bound " + bound + ")");
        }
        if (seconds > 5) {
            throw new AssertionError("took " + seconds + " s");
        }
        if (o.error() != null) {
            if (o.error().getClass() != ModelFormatException.class) {
                throw new AssertionError("expected a model or a ModelFormatException, got " + o.error(), o.error());
            }
            String m = o.error().getMessage();
            if (m == null || !m.startsWith(source) || m.length() > 2000) {
                throw new AssertionError("an unclear message: " + (m == null ? null : m.substring(0, Math.min(m.length(), 300))), o.error());
            }
            return;
        }
        // a model the reader accepts is consistent: it writes back and reads again to the same JSON
        String written = ModelIO.toJson(o.value());
        assertEquals(written, ModelIO.toJson(ModelIO.fromJson(written)), "the accepted model does not round-trip");
    }

    /** One to three mutations, described in {@code how}. */
    static byte[] mutate(String json, SplittableRandom r, StringBuilder how) {
        String text = json;
        byte[] bytes = null;
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            if (bytes != null) {
                text = new String(bytes, StandardCharsets.ISO_8859_1);
            }
            bytes = null;
            if (text.isEmpty()) {
                break;
            }
            switch (r.nextInt(9)) {
                case 0 -> { // flip one byte to any value (often not UTF-8)
                    byte[] b = text.getBytes(StandardCharsets.UTF_8);
                    int at = r.nextInt(b.length);
                    b[at] = (byte) r.nextInt(256);
                    how.append(", byte ").append(at).append(" -> ").append(b[at] & 0xff);
                    bytes = b;
                }
                case 1 -> { // delete a span
                    int at = r.nextInt(text.length()), len = 1 + r.nextInt(Math.min(40, text.length() - at));
                    how.append(", delete ").append(len).append(" chars at ").append(at);
                    text = text.substring(0, at) + text.substring(at + len);
                }
                case 2 -> { // duplicate a span elsewhere
                    int at = r.nextInt(text.length()), len = 1 + r.nextInt(Math.min(60, text.length() - at)), to = r.nextInt(text.length());
                    how.append(", copy ").append(len).append(" chars from ").append(at).append(" to ").append(to);
                    text = text.substring(0, to) + text.substring(at, at + len) + text.substring(to);
                }
                case 3 -> { // truncate
                    int at = r.nextInt(text.length());
                    how.append(", truncate at ").append(at);
                    text = text.substring(0, at);
                }
                case 4, 5 -> text = replaceNumber(text, r, how);
                case 6, 7 -> text = mutateTree(text, r, how);
                default -> { // nest a value deeply
                    int depth = r.nextBoolean() ? 1 + r.nextInt(20) : 90 + r.nextInt(30);
                    text = replaceNumberWith(text, r, "[".repeat(depth) + "0" + "]".repeat(depth), how.append(", nest ").append(depth));
                }
            }
        }
        return bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8);
    }

    private static final Pattern NUMBER = Pattern.compile("(?<=[\\[:,]\\s{0,8})-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private static String replaceNumber(String text, SplittableRandom r, StringBuilder how) {
        return replaceNumberWith(text, r, NUMBERS[r.nextInt(NUMBERS.length)], how);
    }

    private static String replaceNumberWith(String text, SplittableRandom r, String with, StringBuilder how) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) spans.add(new int[] {m.start(), m.end()});
        if (spans.isEmpty()) return text;
        int[] s = spans.get(r.nextInt(spans.size()));
        how.append(", number at ").append(s[0]).append(" -> ").append(with.length() > 20 ? with.substring(0, 20) + "..." : with);
        return text.substring(0, s[0]) + with + text.substring(s[1]);
    }

    /** Deletes, replaces or duplicates one node of the parsed document (text that does not parse is left as it is). */
    private static String mutateTree(String text, SplittableRandom r, StringBuilder how) {
        JsonNode root;
        try {
            root = JsonInput.MAPPER.readTree(text);
        } catch (Exception e) {
            return text;
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) return text;
        JsonNode c = containers.get(r.nextInt(containers.size()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode[] values = {f.nullNode(), f.textNode("x"), f.numberNode(-1), f.numberNode(0), f.numberNode(1e39), f.numberNode(300000000),
            f.booleanNode(true), f.arrayNode(), f.objectNode(), f.textNode("dense"), f.numberNode(2.5)};
        JsonNode value = values[r.nextInt(values.length)];
        if (c instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(r.nextInt(names.size()));
            switch (r.nextInt(3)) {
                case 0 -> { o.remove(name); how.append(", remove field ").append(name); }
                case 1 -> { o.set(name, value); how.append(", field ").append(name).append(" = ").append(value); }
                default -> { o.set(name + "_", o.get(name).deepCopy()); how.append(", add field ").append(name).append("_"); }
            }
        } else if (c instanceof ArrayNode a && a.size() > 0) {
            int i = r.nextInt(a.size());
            switch (r.nextInt(3)) {
                case 0 -> { a.remove(i); how.append(", remove element ").append(i); }
                case 1 -> { a.set(i, value); how.append(", element ").append(i).append(" = ").append(value); }
                default -> { a.insert(i, a.get(i).deepCopy()); how.append(", duplicate element ").append(i); }
            }
        }
        return SpecFormat.text(root);
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (!n.isContainerNode()) return;
        out.add(n);
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) collect(it.next().getValue(), out);
        } else {
            for (JsonNode x : n) collect(x, out);
        }
    }
}
