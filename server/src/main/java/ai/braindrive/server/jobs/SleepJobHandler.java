package ai.braindrive.server.jobs;

import java.time.Duration;

import ai.braindrive.server.http.FieldError;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.ValidationException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code system.sleep}: waits {@code payload.seconds} (0-3600) in small steps, reporting progress and honouring
 * cancel. A diagnostic job type, and the engine's benchmark load.
 */
public final class SleepJobHandler implements JobHandler {
    public static final String TYPE = "system.sleep";
    static final int MAX_SECONDS = 3600;
    private static final Duration STEP = Duration.ofMillis(100);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonNode validate(JsonNode payload) {
        JsonNode seconds = payload == null ? null : payload.get("seconds");
        if (seconds == null || seconds.isNull()) {
            throw ValidationException.of(new FieldError(java.util.List.of("body", "payload", "seconds"),
                    "Field required", "missing"));
        }
        if (!seconds.isNumber() || seconds.doubleValue() < 0 || seconds.doubleValue() > MAX_SECONDS) {
            throw ValidationException.of(new FieldError(java.util.List.of("body", "payload", "seconds"),
                    "Input should be a number between 0 and " + MAX_SECONDS, "value_error"));
        }
        return payload.deepCopy();
    }

    @Override
    public JsonNode run(JobContext context) throws InterruptedException {
        double seconds = context.payload().get("seconds").doubleValue();
        long totalMillis = Math.round(seconds * 1000);
        long startNanos = System.nanoTime();
        long lastReportedSecond = -1;
        context.log("Sleeping " + formatSeconds(seconds) + " s");
        while (true) {
            long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
            if (elapsed >= totalMillis) {
                break;
            }
            long second = elapsed / 1000;
            if (second != lastReportedSecond && second > 0) {
                lastReportedSecond = second;
                context.progress((int) (elapsed * 100 / totalMillis), "sleeping",
                        "Slept " + second + " of " + formatSeconds(seconds) + " s");
            }
            context.sleep(Duration.ofMillis(Math.min(STEP.toMillis(), totalMillis - elapsed)));
        }
        context.progress(100, "done", "Slept " + formatSeconds(seconds) + " s");
        return Json.MAPPER.createObjectNode().put("slept_seconds", seconds);
    }

    private static String formatSeconds(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}
