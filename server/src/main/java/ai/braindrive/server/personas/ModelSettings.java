package ai.braindrive.server.personas;

import java.util.Map;
import java.util.TreeMap;

import ai.braindrive.server.http.Checks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Range checks of a persona's {@code model_settings}: a free-form JSON object whose well-known keys must hold
 * sensible values. Unknown keys are kept as they are.
 */
final class ModelSettings {
    private record Bound(double min, double max, boolean minExclusive, boolean integer) {
    }

    private static final Map<String, Bound> BOUNDS = new TreeMap<>(Map.of(
            "temperature", new Bound(0, 2, false, false),
            "top_p", new Bound(0, 1, false, false),
            "frequency_penalty", new Bound(-2, 2, false, false),
            "presence_penalty", new Bound(-2, 2, false, false),
            "max_tokens", new Bound(0, Integer.MAX_VALUE, true, true),
            "context_window", new Bound(0, Integer.MAX_VALUE, true, true)));

    private ModelSettings() {
    }

    static void validate(JsonNode settings, Checks checks) {
        if (settings == null) {
            return;
        }
        if (!settings.isObject()) {
            checks.check(false, "model_settings", "Input should be a valid dictionary");
            return;
        }
        BOUNDS.forEach((key, bound) -> {
            JsonNode value = settings.get(key);
            if (value == null || value.isNull()) {
                return;
            }
            if (!value.isNumber() || (bound.integer() && !value.canConvertToExactIntegral())) {
                checks.check(false, "model_settings", key + ": Input should be a valid "
                        + (bound.integer() ? "integer" : "number"));
                return;
            }
            double v = value.doubleValue();
            boolean ok = (bound.minExclusive() ? v > bound.min() : v >= bound.min()) && v <= bound.max();
            checks.check(ok, "model_settings", key + ": Input should be "
                    + (bound.minExclusive() ? "greater than " + fmt(bound.min()) : "between " + fmt(bound.min())
                    + " and " + fmt(bound.max())));
        });
        JsonNode stops = settings.get("stop_sequences");
        if (stops != null && !stops.isNull()) {
            boolean ok = stops.isArray();
            for (JsonNode stop : stops) {
                ok &= stop.isTextual();
            }
            checks.check(ok, "model_settings", "stop_sequences: Input should be a list of strings");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
