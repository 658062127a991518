package ai.braindrive.server.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <data-dir>/braindrive.lock}. The OS drops it when the process dies, so a lock
 * left by a killed server never blocks the next start; a live second server is refused with a clear message.
 */
public final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve("braindrive.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw alreadyInUse(dataDir, file);
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return new DataDirLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw alreadyInUse(dataDir, file);
        } catch (DataDirInUseException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DataDirInUseException("Cannot lock the data directory " + dataDir + ": " + e.getMessage());
        }
    }

    private static DataDirInUseException alreadyInUse(Path dataDir, Path file) {
        String pid = "";
        try {
            pid = Files.readString(file).strip();
        } catch (IOException ignored) {
            // The pid is only a hint for the message.
        }
        return new DataDirInUseException("Another BrainDrive server is already using the data directory " + dataDir
                + (pid.isEmpty() ? "" : " (pid " + pid + ")") + ". Stop it first, or choose another --data-dir.");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more to release.
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases it too.
        }
        closeQuietly(channel);
    }

    /** Another live process (or server in this JVM) holds the data directory. */
    public static final class DataDirInUseException extends RuntimeException {
        public DataDirInUseException(String message) {
            super(message);
        }
    }
}
