package ai.braindrive.server.settings;

import java.time.Instant;
import java.util.Optional;

import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.ApiRoutes;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Settings section: definitions, instances and resolved values under {@code /api/v1/settings}, the defaults
 * of a new user, and the effective value of a setting for other features (such as AI providers reading an API
 * key, in plaintext, on the server side).
 */
public final class SettingsService {
    private final SettingsRepository repository;
    private final DefinitionsService definitions;
    private final InstancesService instances;
    private final SettingsDefaults defaults;

    /** {@code key}: 32 bytes for AES-256-GCM encryption of secret values ({@code secrets/settings.key}). */
    public SettingsService(Database db, byte[] key) {
        this.repository = new SettingsRepository(db, new SecretBox(key));
        this.definitions = new DefinitionsService(db, repository);
        this.instances = new InstancesService(db, repository);
        this.defaults = new SettingsDefaults(repository);
    }

    public void routes(ApiRoutes routes) {
        ApiRoutes settings = routes.under("/api/v1/settings");
        definitions.routes(settings);
        instances.routes(settings);
    }

    /** A {@code UserProvisioner}: the default definitions (once) and the new user's own settings. */
    public void provisionDefaults(Sql tx, String userId, Instant now) {
        defaults.provision(tx, userId, now);
    }

    /**
     * The effective plaintext value of a definition for a user (and page, or null): page over user over system
     * over the definition's default. Empty when the definition does not exist or has no value at all.
     */
    public Optional<JsonNode> effectiveValue(String userId, String definitionId, String pageId) {
        return repository.definition(definitionId)
                .map(definition -> instances.resolve(definition, userId, pageId).value())
                .filter(value -> !value.isNull());
    }
}
