package ai.braindrive.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so the
 * parameters travel with each hash and can be raised later without breaking stored ones.
 */
public final class PasswordHasher {
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    /** OWASP's minimum recommendation for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    public PasswordHasher() {
        this(19 * 1024, 2, 1);
    }

    public PasswordHasher(int memoryKiB, int iterations, int parallelism) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        // Same parameters and lengths as a real hash, so verifying against it costs the same; built without
        // running Argon2 (that took ~200 ms and 19 MiB of heap at every start-up).
        this.dummyHash = "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(new byte[16]) + "$" + B64.encodeToString(new byte[32]);
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKiB, iterations, parallelism, 32);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    public boolean verify(String password, String encoded) {
        Matcher m = encoded == null ? null : PHC.matcher(encoded);
        if (m == null || !m.matches()) {
            return false;
        }
        byte[] salt = B64D.decode(m.group(5));
        byte[] expected = B64D.decode(m.group(6));
        byte[] actual = derive(password, salt, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of one verification, for logins with an unknown email. */
    public void verifyDummy(String password) {
        verify(password, dummyHash);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKiB, int iterations, int parallelism,
                                 int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
