package ai.braindrive.server.pluginstate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Request and response bodies of the plugin-state endpoints. */
final class PluginStateRecords {
    private PluginStateRecords() {
    }

    /**
     * {@code POST /api/v1/plugin-state/} and one item of a bulk create. {@code ttl_expires_at} stays a tree so that
     * a malformed datetime is reported as a field error (422) rather than a generic decoding failure.
     */
    record CreateBody(String userId, String pluginId, String pageId, String stateKey, String stateStrategy,
                      JsonNode stateData, JsonNode ttlExpiresAt, String deviceId, String stateSchemaVersion,
                      String syncStatus, Boolean isActive) {
    }

    /**
     * {@code PUT /api/v1/plugin-state/{id}}: absent or null fields are left unchanged, except
     * {@code ttl_expires_at}, where an explicit null removes the expiry.
     */
    record UpdateBody(String userId, JsonNode stateData, String stateStrategy, JsonNode ttlExpiresAt,
                      String deviceId, String stateSchemaVersion, String syncStatus, Boolean isActive) {
    }

    record BulkBody(List<CreateBody> states) {
    }

    /** {@code PluginStateResponse}: one stored state, with its data parsed back into JSON. */
    record PluginState(String id, String userId, String pluginId, String pageId, String stateKey,
                       String stateStrategy, JsonNode stateData, long stateSize, String stateSchemaVersion,
                       String compressionType, String deviceId, String syncStatus, int version, boolean isActive,
                       Instant ttlExpiresAt, Instant lastAccessed, int accessCount, Instant createdAt,
                       Instant updatedAt) {
    }

    record BulkResult(List<PluginState> created, List<Object> errors) {
    }

    /** How many states, and how many bytes of state data, one plugin or strategy holds. */
    record Usage(long count, long size) {
    }

    /**
     * {@code GET /api/v1/plugin-state/stats}, over the caller's visible (unexpired) states. The first six fields are
     * those of the original {@code PluginStateStats}; {@code by_plugin} and {@code by_strategy} break the totals down.
     */
    record Stats(long totalStates, long activeStates, long totalSize, long pluginsWithState,
                 double averageStateSize, Instant lastActivity, Map<String, Usage> byPlugin,
                 Map<String, Usage> byStrategy) {
    }

    record CleanupResult(String message, long deleted, long deletedCount) {
    }

    record Message(String message) {
    }
}
