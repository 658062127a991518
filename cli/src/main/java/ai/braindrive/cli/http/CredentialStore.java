package ai.braindrive.cli.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

import ai.braindrive.cli.CliException;
import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code <config-dir>/credentials.json}: one {@link Credentials} per server URL. Only the owner can read it (mode
 * 600, directory 700); it is replaced atomically, and {@link #locked} serialises token refreshes between processes
 * so two commands never spend the same (single-use) refresh token.
 */
public final class CredentialStore {
    private static final Object IN_PROCESS = new Object();

    private final Path dir;
    private final Path file;

    public CredentialStore(Path configDir) {
        this.dir = configDir;
        this.file = configDir.resolve("credentials.json");
    }

    public Path file() {
        return file;
    }

    public Optional<Credentials> get(String server) {
        JsonNode entry = read().path("servers").path(server);
        if (!entry.isObject()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.treeToValue(entry, Credentials.class));
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    public void put(String server, Credentials credentials) {
        ObjectNode root = read();
        root.withObject("servers").set(server, Json.MAPPER.valueToTree(credentials));
        write(root);
    }

    /** Forgets the login for {@code server}; true when there was one. */
    public boolean remove(String server) {
        ObjectNode root = read();
        if (!root.path("servers").has(server)) {
            return false;
        }
        root.withObject("servers").remove(server);
        write(root);
        return true;
    }

    /** Runs {@code action} holding an exclusive lock shared by every braindrive process of this user. */
    public <T> T locked(Supplier<T> action) {
        synchronized (IN_PROCESS) {
            createPrivateDir();
            try (FileChannel channel = FileChannel.open(dir.resolve("credentials.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.get();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot lock " + dir.resolve("credentials.lock"), e);
            }
        }
    }

    private ObjectNode read() {
        if (!Files.isRegularFile(file)) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            return root instanceof ObjectNode object ? object : Json.MAPPER.createObjectNode();
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    private void write(ObjectNode root) {
        createPrivateDir();
        Path temp = null;
        try {
            temp = posix() ? Files.createTempFile(dir, ".credentials", ".tmp", ownerOnly("rw-------"))
                    : Files.createTempFile(dir, ".credentials", ".tmp");
            Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CliException(1, "Cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Already moved, or nothing more to do.
                }
            }
        }
    }

    private void createPrivateDir() {
        try {
            if (!Files.isDirectory(dir)) {
                if (posix()) {
                    Files.createDirectories(dir, ownerOnly("rwx------"));
                } else {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new CliException(1, "Cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private CliException corrupt(Exception e) {
        return new CliException(1, "Cannot read " + file + " (" + e.getMessage().lines().findFirst().orElse("")
                + "); delete it and log in again", e);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?> ownerOnly(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
