package ai.braindrive.server.db;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** New row ids (UUID strings) and the current time at the precision stored (milliseconds). */
public final class Ids {
    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
