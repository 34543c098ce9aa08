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
 */
public final class AtomicWrite {
    private AtomicWrite() {}

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
            Files.createFile(part);
        } catch (java.nio.file.AccessDeniedException e) {
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
            Files.deleteIfExists(part);
        }
    }
}
