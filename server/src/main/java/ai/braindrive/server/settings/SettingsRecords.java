package ai.braindrive.server.settings;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Stored settings and the request and response bodies of the Settings endpoints. */
final class SettingsRecords {
    private SettingsRecords() {
    }

    /** A setting's schema: global, managed by admins, readable by every signed-in user. */
    record Definition(String id, String name, String description, String category, SettingType type,
                      JsonNode defaultValue, Set<Scope> allowedScopes, boolean multiple, JsonNode validation,
                      List<String> tags, boolean secret, Instant createdAt, Instant updatedAt) {
    }

    /** A value of a definition; {@code value} is plaintext here (decrypted on read, encrypted on write). */
    record Instance(String id, String definitionId, String name, JsonNode value, Scope scope, String userId,
                    String pageId, Instant createdAt, Instant updatedAt) {
        Instance withValue(String newName, JsonNode newValue, Instant now) {
            return new Instance(id, definitionId, newName, newValue, scope, userId, pageId, createdAt, now);
        }
    }

    /** Create, PUT and PATCH bodies of a definition (which fields were sent is read from the JSON tree). */
    record DefinitionBody(String id, String name, String description, String category, String type,
                          JsonNode defaultValue, List<String> allowedScopes, JsonNode validation, Boolean isMultiple,
                          List<String> tags, Boolean isSecret) {
    }

    /**
     * Create body of an instance. As in the original back end, a body with an {@code id} updates that instance and
     * {@code "action": "delete"} with an {@code id} deletes it.
     */
    record InstanceBody(String id, String action, String definitionId, String name, JsonNode value, String scope,
                        String userId, String pageId) {
    }

    /** PUT and PATCH body of an instance. */
    record InstanceUpdate(String name, JsonNode value) {
    }

    record DefinitionResponse(String id, String name, String description, String category, String type,
                              JsonNode defaultValue, List<String> allowedScopes, JsonNode validation,
                              boolean isMultiple, List<String> tags, boolean isSecret, Instant createdAt,
                              Instant updatedAt) {
        static DefinitionResponse of(Definition d) {
            return new DefinitionResponse(d.id(), d.name(), d.description(), d.category(), d.type().wire(),
                    d.secret() ? SecretMask.mask(d.defaultValue()) : d.defaultValue(),
                    d.allowedScopes().stream().sorted().map(Scope::wire).toList(), d.validation(), d.multiple(),
                    d.tags(), d.secret(), d.createdAt(), d.updatedAt());
        }
    }

    record InstanceResponse(String id, String definitionId, String name, JsonNode value, String scope,
                            String userId, String pageId, Instant createdAt, Instant updatedAt) {
        static InstanceResponse of(Instance i, boolean secret) {
            return new InstanceResponse(i.id(), i.definitionId(), i.name(),
                    secret ? SecretMask.mask(i.value()) : i.value(), i.scope().wire(), i.userId(), i.pageId(),
                    i.createdAt(), i.updatedAt());
        }
    }

    /** The effective value of a definition for the caller (and page): where it came from, and which instance. */
    record Resolved(String definitionId, JsonNode value, String source, String instanceId) {
    }
}
