package org.dendrite.core.testutil;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The corpus of damaged model files in test-data/damaged-models/ (written by make_damaged_models.py,
 * listed in manifest.tsv with each file's expected outcome), with the checks every way in applies:
 * a clear error naming the source and the field, a memory bound, and the file left unchanged.
 */
public final class DamagedModels {
    /**
     * Bytes a read may allocate: 64 per byte of the file plus 16 MiB. Reading holds the bytes (1 per
     * byte), the decoded text (3: a char buffer and a Latin-1 or UTF-16 string), the JSON tree (a
     * number like {@code 0.1,} costs a node, a BigDecimal, a token string and a list slot, ~60 bytes for
     * 4 bytes of text; an empty object {@code {},} ~80 bytes for 3) and the model (8 bytes per weight, its
     * value and gradient, for at least 2 bytes of text); 64 covers the worst of these with a margin, and
     * the constant covers the first read's one-off initialization and small files.
     */
    public static final long BYTES_PER_FILE_BYTE = 64;
    public static final long CONSTANT_BYTES = 16L << 20;

    private DamagedModels() {}

    /** One corpus file: its expected outcome (loads, or an error containing {@code words}) and, for loads, an equal model's file. */
    public record Case(String name, Path file, boolean loads, List<String> words, String sameAs) {
        @Override
        public String toString() {
            return name;
        }

        /** The allocation bound for reading this file. */
        public long memoryBound() throws IOException {
            long size = Files.isRegularFile(file) ? Files.size(file) : 0;
            return BYTES_PER_FILE_BYTE * size + CONSTANT_BYTES;
        }

        /** Asserts {@code t} is the case's clear error: its message names {@code source} and holds the expected words. */
        public void assertClearError(Throwable t, String source) {
            if (loads) {
                throw new AssertionError(name + " should load, but: " + t, t);
            }
            String m = t.getMessage();
            if (m == null) {
                throw new AssertionError(name + ": an error without a message", t);
            }
            if (!m.contains(source)) {
                throw new AssertionError(name + ": the message does not name the source '" + source + "': " + m, t);
            }
            for (String w : words) {
                if (!m.toLowerCase(Locale.ROOT).contains(w.toLowerCase(Locale.ROOT))) {
                    throw new AssertionError(name + ": the message lacks '" + w + "': " + m, t);
                }
            }
            if (m.length() > 2000) {
                throw new AssertionError(name + ": a message of " + m.length() + " characters: " + m.substring(0, 300), t);
            }
        }
    }

    public static Path dir() {
        return TestData.file("damaged-models");
    }

    public static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir().resolve("manifest.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 3 || !(f[1].equals("loads") || f[1].equals("error"))) {
                throw new IllegalStateException("Bad manifest line: " + line);
            }
            boolean loads = f[1].equals("loads");
            out.add(new Case(f[0], dir().resolve(f[0]), loads, loads ? List.of() : List.of(f[2].split(" \\| ")),
                    loads && !f[2].equals("-") ? f[2] : null));
        }
        return out;
    }

    /** SHA-256 of the file's bytes ("directory" or "absent" for those). */
    public static String hash(Path file) throws IOException {
        if (Files.isDirectory(file)) return "directory";
        if (!Files.exists(file)) return "absent";
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a call returned or threw, and the bytes the calling thread allocated meanwhile. */
    public record Outcome<T>(T value, Throwable error, long allocated) {}

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static <T> Outcome<T> run(Callable<T> call) {
        long tid = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        T value = null;
        Throwable error = null;
        try {
            value = call.call();
        } catch (Throwable t) {
            error = t;
        }
        return new Outcome<>(value, error, THREADS.getThreadAllocatedBytes(tid) - before);
    }

    /** Asserts the file's bytes are what they were. */
    public static void assertUnchanged(Case c, String hashBefore) throws IOException {
        String after = hash(c.file());
        if (!after.equals(hashBefore)) {
            fail(c.name() + " was modified by a read");
        }
    }

    /** Asserts the read stayed within the case's memory bound. */
    public static void assertWithinBound(Case c, long allocated, String way) throws IOException {
        assertTrue(allocated <= c.memoryBound(), c.name() + " through " + way + " allocated " + allocated + " bytes, bound " + c.memoryBound());
    }
}
