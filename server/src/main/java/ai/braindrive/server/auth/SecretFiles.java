package ai.braindrive.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Random keys generated at first start and kept in {@code <data-dir>/secrets}, readable by the owner only. */
public final class SecretFiles {
    private SecretFiles() {
    }

    public static byte[] loadOrCreateKey(Path dataDir, String name, int bytes) {
        Path dir = dataDir.resolve("secrets");
        Path file = dir.resolve(name);
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            }
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            byte[] key = new byte[bytes];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            restrict(tmp, "rw-------");
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            try {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
                return loadOrCreateKey(dataDir, name, bytes);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key " + file, e);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the per-user %APPDATA% folder is already private to the user.
        }
    }
}
