package ai.braindrive.server.http;

import java.util.Optional;

import io.helidon.webserver.http.ServerRequest;

/** Path and query parameters, with a 422 for values of the wrong type. */
public final class Params {
    private Params() {
    }

    public static String path(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    public static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional().filter(value -> !value.isEmpty());
    }

    public static int intQuery(ServerRequest req, String name, int defaultValue, int min, int max) {
        Optional<String> raw = query(req, name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get().strip());
        } catch (NumberFormatException e) {
            throw ValidationException.of(FieldError.query(name, "Input should be a valid integer", "int_parsing"));
        }
        if (value < min || value > max) {
            throw ValidationException.of(FieldError.query(name,
                    "Input should be between " + min + " and " + max, "value_error"));
        }
        return value;
    }

    public static Optional<Boolean> boolQuery(ServerRequest req, String name) {
        Optional<String> raw = query(req, name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Optional.of(true);
            case "false", "0", "no", "off" -> Optional.of(false);
            default -> throw ValidationException.of(
                    FieldError.query(name, "Input should be a valid boolean", "bool_parsing"));
        };
    }

    /** {@code skip}/{@code limit} paging (also accepts {@code offset} for {@code skip}). */
    public static PageRequest paging(ServerRequest req, int defaultLimit, int maxLimit) {
        int skip = query(req, "skip").isPresent()
                ? intQuery(req, "skip", 0, 0, Integer.MAX_VALUE)
                : intQuery(req, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intQuery(req, "limit", defaultLimit, 1, maxLimit);
        return new PageRequest(skip, limit);
    }

    public record PageRequest(int skip, int limit) {
    }
}
