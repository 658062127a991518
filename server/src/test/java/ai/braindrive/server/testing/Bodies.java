package ai.braindrive.server.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies for tests. */
public final class Bodies {
    private Bodies() {
    }

    /** A JSON object from alternating keys and values, in key order; unlike {@code Map.of} it may hold nulls. */
    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
