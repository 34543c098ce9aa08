package org.dendrite.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Files written whole or not at all (checkpoints, models, search tables). */
class AtomicWriteTest {
    private static List<String> names(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * While a file is rewritten, a reader sees the old file or the new one, never a part of either: the
     * checkpoint a run rewrites every epoch was truncated first and then written (a kill or a full disk
     * in between left a cut file where a good one was). A 1 MB file is replaced by a 24 MB one while this
     * thread reads the size over and over; written in place, sizes between were seen.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aReaderSeesTheOldFileOrTheNewOneNeverAPart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("checkpoint.json");
        String before = "a".repeat(1 << 20), after = "b".repeat(24 << 20);
        AtomicWrite.text(file, before);
        java.util.Set<Long> seen = new java.util.TreeSet<>();
        for (int round = 0; round < 2; round++) {
            Thread writer = new Thread(() -> {
                try {
                    AtomicWrite.text(file, after);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            while (writer.isAlive()) {
                try {
                    seen.add(Files.size(file));
                } catch (java.nio.file.NoSuchFileException e) {
                    seen.add(-1L);
                }
            }
            writer.join();
            AtomicWrite.text(file, before);
        }
        seen.removeAll(List.of((long) before.length(), (long) after.length()));
        assertTrue(seen.isEmpty(), seen.size() + " sizes of neither file were seen, such as " + seen.stream().limit(5).toList());
        assertEquals(before, Files.readString(file));
        assertEquals(List.of("checkpoint.json"), names(dir), "no part file left");
    }

    /**
     * A thread whose interrupt is set (a Weka build interrupted in its last epoch keeps its model, and
     * writes its diagnostics then) writes the file, and the interrupt stays set for its caller: a file
     * channel was closed by the interrupt (ClosedByInterruptException, every diagnostics file lost).
     */
    @Test
    void anInterruptedThreadStillWritesAndKeepsItsInterrupt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        Thread.currentThread().interrupt();
        try {
            AtomicWrite.text(file, "{\"a\": 1}");
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals("{\"a\": 1}", Files.readString(file));
    }

    /**
     * A file rewritten keeps what it was: a symbolic link stays a link, its target rewritten (the link
     * was replaced by a plain file, the file it pointed to left as it was), and a file keeps its
     * permissions (664 became 644).
     */
    @Test
    void aLinkStaysALinkAndAFileKeepsItsPermissions(@TempDir Path dir) throws Exception {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
        AtomicWrite.text(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            var rw = java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----");
            Files.setPosixFilePermissions(real, rw);
            AtomicWrite.text(real, "newer");
            assertEquals(rw, Files.getPosixFilePermissions(real));
        }
        assertEquals(List.of("link.json", "real.json"), names(dir), "no part file left");
    }

    /**
     * A write that cannot replace its target (here a folder of that name with a file in it) fails with
     * the file system's error, leaves the target as it was and no part file; a file made is readable as
     * any new file is (a temporary file's permissions would be the owner's only).
     */
    @Test
    void aFailedWriteLeavesTheTargetAndNoPart(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("model.json"));
        Files.writeString(folder.resolve("inside"), "x");
        assertThrows(java.io.IOException.class, () -> AtomicWrite.text(folder, "{}"));
        assertTrue(Files.isDirectory(folder));
        assertEquals(List.of("model.json"), names(dir));
        Path plain = Files.writeString(dir.resolve("plain.json"), "{}");
        Path made = dir.resolve("made.json");
        AtomicWrite.text(made, "{}");
        assertEquals("{}", Files.readString(made));
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(made));
        }
    }

    /**
     * A writer killed mid-write (kill -9 during a checkpoint write) left its new file, as large as the
     * checkpoint, beside it for ever. The next write of the same file removes the new files of that
     * file a writer left (its own name, two hex numbers, unmodified for over a minute), and leaves the
     * ones a writer may still be writing (modified just now, or written by this JVM now), those of other
     * files and files that only look alike.
     */
    @Test
    void theNextWriteRemovesTheNewFilesKilledWritersOfTheSameFileLeft(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.ck.json");
        AtomicWrite.text(file, "old");
        java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 5 * 60_000);
        List<String> killed = List.of(".x.ck.json.1b2c3d4e5f.1.part", ".x.ck.json.ffff.a3.part");
        List<String> kept = List.of(".x.ck.json.abc.1.part.keep", ".x.ck.json.notHex.1.part", ".x.ck.json.abc.part", ".y.ck.json.1b2c.1.part",
                ".x.ck.json.1b.2c.3d.part", "x.ck.json.1b.1.part", ".x.ck.json.live.part");
        for (String n : killed) Files.setLastModifiedTime(Files.writeString(dir.resolve(n), "partial"), longAgo);
        for (String n : kept) Files.setLastModifiedTime(Files.writeString(dir.resolve(n), "other"), longAgo);
        Path recent = Files.writeString(dir.resolve(".x.ck.json.12ab.7.part"), "another JVM's writer, now");
        Path ours = dir.resolve(".x.ck.json.34cd.8.part");
        Files.setLastModifiedTime(Files.writeString(ours, "this JVM's writer, now"), longAgo);
        AtomicWrite.WRITING.add(ours);
        try {
            AtomicWrite.text(file, "new");
        } finally {
            AtomicWrite.WRITING.remove(ours);
        }
        assertEquals("new", Files.readString(file));
        java.util.List<String> expected = new java.util.ArrayList<>(kept);
        expected.addAll(List.of("x.ck.json", recent.getFileName().toString(), ours.getFileName().toString()));
        assertEquals(expected.stream().sorted().toList(), names(dir));
    }
}
