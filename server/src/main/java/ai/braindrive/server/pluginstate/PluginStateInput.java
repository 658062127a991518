package ai.braindrive.server.pluginstate;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.FieldError;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.pluginstate.PluginStateRecords.CreateBody;
import ai.braindrive.server.pluginstate.PluginStateRecords.UpdateBody;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;

/**
 * Turns request bodies into validated values. Field errors carry their full location ({@code ["body", "states", 2,
 * "plugin_id"]} inside a bulk create) so one 422 can name every bad field of every item.
 */
final class PluginStateInput {
    /** The largest {@code state_data} accepted, in bytes of its compact JSON (UTF-8). */
    static final long MAX_STATE_BYTES = 1024 * 1024;
    static final List<String> STRATEGIES = List.of("persistent", "session", "none", "custom");
    static final List<String> SYNC_STATUSES = List.of("synced", "pending", "conflict");
    static final String DEFAULT_STRATEGY = "persistent";
    static final String DEFAULT_SYNC_STATUS = "synced";
    private static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    private PluginStateInput() {
    }

    /** A state ready to insert. {@code pageId} and {@code stateKey} are null or non-empty. */
    record NewState(String pluginId, String pageId, String stateKey, String strategy, String stateJson,
                    long stateSize, Instant ttlExpiresAt, String deviceId, String schemaVersion, String syncStatus,
                    boolean active) {
        /** Same plugin, page and key: the identity the unique constraint guards (null equals null). */
        boolean sameScope(NewState other) {
            return pluginId.equals(other.pluginId) && Objects.equals(pageId, other.pageId)
                    && Objects.equals(stateKey, other.stateKey);
        }

        String describeScope() {
            return "plugin_id '" + pluginId + "', page_id " + quoted(pageId) + ", state_key " + quoted(stateKey);
        }

        private static String quoted(String value) {
            return value == null ? "null" : "'" + value + "'";
        }
    }

    /** A validated update: null means unchanged, except the TTL, which {@code ttlGiven} says to overwrite. */
    record Change(String stateJson, Long stateSize, String strategy, boolean ttlGiven, Instant ttlExpiresAt,
                  String deviceId, String schemaVersion, String syncStatus, Boolean active) {
    }

    /** Validates one create body, adding its errors (under {@code loc}) to {@code errors}; null when invalid. */
    static NewState newState(CreateBody body, List<Object> loc, List<FieldError> errors) {
        Fields f = new Fields(loc, errors);
        if (body == null) {
            f.error(null, "Input should be a valid dictionary", "dict_type");
            return null;
        }
        f.required("plugin_id", body.pluginId());
        f.length("plugin_id", body.pluginId(), 1, 255);
        f.length("page_id", body.pageId(), 1, 255);
        f.length("state_key", body.stateKey(), 1, 255);
        f.oneOf("state_strategy", body.stateStrategy(), STRATEGIES);
        f.oneOf("sync_status", body.syncStatus(), SYNC_STATUSES);
        f.length("device_id", body.deviceId(), 1, 255);
        f.length("state_schema_version", body.stateSchemaVersion(), 1, 50);
        String json = f.stateData(body.stateData(), true);
        Instant ttl = f.instant("ttl_expires_at", body.ttlExpiresAt());
        if (f.failed()) {
            return null;
        }
        return new NewState(body.pluginId(), body.pageId(), body.stateKey(),
                body.stateStrategy() == null ? DEFAULT_STRATEGY : body.stateStrategy(), json, byteSize(json), ttl,
                body.deviceId(), body.stateSchemaVersion(),
                body.syncStatus() == null ? DEFAULT_SYNC_STATUS : body.syncStatus(),
                body.isActive() == null || body.isActive());
    }

    static Change change(UpdateBody body, List<FieldError> errors) {
        Fields f = new Fields(List.of("body"), errors);
        f.oneOf("state_strategy", body.stateStrategy(), STRATEGIES);
        f.oneOf("sync_status", body.syncStatus(), SYNC_STATUSES);
        f.length("device_id", body.deviceId(), 1, 255);
        f.length("state_schema_version", body.stateSchemaVersion(), 1, 50);
        String json = f.stateData(body.stateData(), false);
        Instant ttl = f.instant("ttl_expires_at", body.ttlExpiresAt());
        if (f.failed()) {
            return null;
        }
        return new Change(json, json == null ? null : byteSize(json), body.stateStrategy(),
                body.ttlExpiresAt() != null, ttl, body.deviceId(), body.stateSchemaVersion(), body.syncStatus(),
                body.isActive());
    }

    /** 413 when a state's data is over the limit; {@code where} names it ("state_data", "states[3].state_data"). */
    static void checkSize(String where, long size) {
        if (size > MAX_STATE_BYTES) {
            throw new ApiException(Status.REQUEST_ENTITY_TOO_LARGE_413, where + " is " + size
                    + " bytes of JSON; the limit is " + MAX_STATE_BYTES + " bytes");
        }
    }

    static long byteSize(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * An ISO-8601 datetime: with an offset or {@code Z}, or without one (read as UTC), or a bare date (midnight
     * UTC); a number is seconds since the epoch. Stored at millisecond precision.
     */
    static Instant parseInstant(JsonNode node) {
        Instant instant;
        if (node.isTextual()) {
            instant = parseText(node.asText().strip());
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            instant = Instant.ofEpochSecond(node.asLong());
        } else {
            throw new DateTimeException("not a string or an integer");
        }
        if (instant.isBefore(MIN_TIME) || instant.isAfter(MAX_TIME)) {
            throw new DateTimeException("out of range");
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant parseText(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        if (iso.length() == 10) {
            return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeException withoutOffset) {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        }
    }

    /** Collects the field errors of one body (or one bulk item). */
    private static final class Fields {
        private final List<Object> loc;
        private final List<FieldError> errors;
        private final int before;

        Fields(List<Object> loc, List<FieldError> errors) {
            this.loc = loc;
            this.errors = errors;
            this.before = errors.size();
        }

        boolean failed() {
            return errors.size() > before;
        }

        void error(String field, String msg, String type) {
            List<Object> at = new ArrayList<>(loc);
            if (field != null) {
                at.add(field);
            }
            errors.add(new FieldError(at, msg, type));
        }

        void required(String field, String value) {
            if (value == null) {
                error(field, "Field required", "missing");
            }
        }

        void length(String field, String value, int min, int max) {
            if (value == null) {
                return;
            }
            if (value.length() < min) {
                error(field, "String should have at least " + min + " character" + (min == 1 ? "" : "s"),
                        "string_too_short");
            } else if (value.length() > max) {
                error(field, "String should have at most " + max + " characters", "string_too_long");
            }
        }

        void oneOf(String field, String value, List<String> allowed) {
            if (value != null && !allowed.contains(value)) {
                error(field, "Input should be " + String.join(", ", allowed.stream().map(a -> "'" + a + "'")
                        .toList()), "enum");
            }
        }

        /** The data as compact JSON; null when absent (or JSON null) and not required. */
        String stateData(JsonNode node, boolean required) {
            if (node == null || node.isNull()) {
                if (required) {
                    error("state_data", node == null ? "Field required" : "Input should be a JSON value, not null",
                            node == null ? "missing" : "value_error");
                }
                return null;
            }
            return Json.write(node);
        }

        Instant instant(String field, JsonNode node) {
            if (node == null || node.isNull()) {
                return null;
            }
            try {
                return parseInstant(node);
            } catch (DateTimeException e) {
                error(field, "Input should be a valid ISO-8601 datetime", "datetime_parsing");
                return null;
            }
        }
    }
}
