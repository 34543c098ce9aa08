package org.dendrite.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file whole or not at all: the text goes to a new file beside it (hidden, named after it),
 * forced to the disk, which then replaces it in one rename (atomic within a POSIX file system). A
 * crash, a kill or a full disk while writing leaves the file as it was (the checkpoint a run
 * rewrites every epoch, a model, a search's trials table), never truncated; the new file is removed
 * when it cannot be written or moved. A thread's interrupt does not stop the write. The file made has the permissions any new file gets (a
 * temporary file's would be the owner's only).
 *
 * <p>A writer killed mid-write (a run stopped with kill -9, a crashed JVM) leaves its new file,
 * {@code .<name>.<hex>.<hex>.part}, as large as the file. The next write of the same file that succeeds
 * removes such files of that file's own name left by earlier writers: those no writer of this JVM is
 * writing and not modified for {@link #ABANDONED_AFTER_MILLIS} (a writer of another JVM writes its new
 * file at once, and moves it as soon as it is on the disk). Files of other names, and files that
 * merely look alike (not two hex numbers), are never touched; a file that cannot be removed is left.
 */
public final class AtomicWrite {
    private AtomicWrite() {}

    /** How long a new file beside its target is left unmodified before it counts as a killed writer's (one minute). */
    static final long ABANDONED_AFTER_MILLIS = 60_000;

    /** The new files this JVM's writers are writing now (never removed as left over). */
    static final java.util.Set<Path> WRITING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Writes {@code text} (UTF-8) to {@code file}, replacing it whole. A symbolic link's target is the
     * file replaced (the link stays), an existing file keeps its permissions, and where no new file can
     * be made beside it (a folder that takes none, the file itself writable) it is written in place.
     */
    public static void text(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        // a link was replaced by a plain file, the file it pointed to left as it was
        if (Files.isSymbolicLink(target) && Files.exists(target)) target = target.toRealPath();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path part = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + "."
                + Long.toHexString(Thread.currentThread().getId()) + ".part");
        boolean exists = Files.isRegularFile(target);
        try {
            WRITING.add(part);
            Files.createFile(part);
        } catch (java.nio.file.AccessDeniedException e) {
            WRITING.remove(part);
            if (!exists || !Files.isWritable(target)) throw e;
            // a writable file in a folder that takes no new file: written in place, as before files were written whole
            Files.write(target, bytes);
            return;
        }
        try {
            // the permissions it had (the new file's were the defaults: 664 became 644)
            if (exists && target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(part, Files.getPosixFilePermissions(target));
            }
            // a stream, not a FileChannel: a channel is closed by the thread's interrupt, and a run interrupted in its last epoch
            // (its model kept) then lost its diagnostics and model files to ClosedByInterruptException
            try (java.io.FileOutputStream out = new java.io.FileOutputStream(part.toFile())) {
                out.write(bytes);
                out.getFD().sync();
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try {
                Files.deleteIfExists(part);
            } finally {
                WRITING.remove(part);
            }
        }
        removeAbandoned(target);
    }

    /**
     * Removes the new files of {@code target} that killed writers left beside it (see the class
     * comment); best effort: a file that cannot be listed or removed is left, and the write stands.
     */
    static void removeAbandoned(Path target) {
        Path dir = target.getParent();
        if (dir == null) return;
        String prefix = "." + target.getFileName() + ".";
        long before = System.currentTimeMillis() - ABANDONED_AFTER_MILLIS;
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> isPartOf(p.getFileName().toString(), prefix))) {
            for (Path f : files) {
                try {
                    if (WRITING.contains(f) || !Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            || Files.getLastModifiedTime(f, java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis() > before) {
                        continue;
                    }
                    Files.deleteIfExists(f);
                } catch (IOException | SecurityException ignored) {
                    // left as it is
                }
            }
        } catch (IOException | SecurityException | java.nio.file.DirectoryIteratorException ignored) {
            // the folder cannot be listed: nothing removed
        }
    }

    /** Whether {@code name} is {@code prefix} followed by {@code <hex>.<hex>.part}, as {@link #text} names its new files. */
    static boolean isPartOf(String name, String prefix) {
        if (!name.startsWith(prefix) || !name.endsWith(".part")) return false;
        String middle = name.substring(prefix.length(), name.length() - ".part".length());
        int dot = middle.indexOf('.');
        return dot > 0 && isHex(middle.substring(0, dot)) && isHex(middle.substring(dot + 1));
    }

    private static boolean isHex(String s) {
        if (s.isEmpty() || s.length() > 16) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }
}
