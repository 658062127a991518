package ai.braindrive.server.settings;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import ai.braindrive.server.db.Ids;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.settings.SettingsRecords.Definition;
import ai.braindrive.server.settings.SettingsRecords.Instance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a new user starts with: the definitions the front end reads (global, created by the first registration
 * that finds them missing) and the user's own theme, general settings and local Ollama server.
 */
final class SettingsDefaults {
    static final String THEME = "theme_settings";
    static final String GENERAL = "general_settings";
    static final String OLLAMA = "ollama_servers_settings";

    private static final String THEME_VALUE = "{\"theme\":\"light\",\"useSystemTheme\":false}";
    private static final String GENERAL_VALUE = "{\"settings\":[{\"Setting_Name\":\"default_page\","
            + "\"Setting_Data\":\"Dashboard\",\"Setting_Help\":\"This is the first page to be displayed after "
            + "logging in to BrainDrive\"}]}";
    private static final String OLLAMA_VALUE = "{\"servers\":[{\"id\":\"server_1\",\"serverName\":"
            + "\"Default Ollama Server\",\"serverAddress\":\"http://localhost:11434\",\"apiKey\":\"\","
            + "\"connectionStatus\":\"idle\"}]}";
    private static final String API_KEY_VALUE = "{\"api_key\":\"\"}";

    private record Seed(String id, String name, String description, String category, String defaultValue,
                        boolean secret, boolean perUser) {
    }

    private static final List<Seed> SEEDS = List.of(
            new Seed(THEME, "Theme Settings", "Light or dark theme, or follow the system", "appearance",
                    THEME_VALUE, false, true),
            new Seed(GENERAL, "General Settings", "General preferences such as the page shown after login",
                    "general", GENERAL_VALUE, false, true),
            new Seed(OLLAMA, "Ollama Servers Settings", "The Ollama servers models are served from",
                    "ai_providers", OLLAMA_VALUE, false, true),
            new Seed("openai_api_keys_settings", "OpenAI API Keys", "API key for OpenAI", "ai_providers",
                    API_KEY_VALUE, true, false),
            new Seed("openrouter_api_keys_settings", "OpenRouter API Keys", "API key for OpenRouter",
                    "ai_providers", API_KEY_VALUE, true, false),
            new Seed("claude_api_keys_settings", "Claude API Keys", "API key for Anthropic Claude", "ai_providers",
                    API_KEY_VALUE, true, false),
            new Seed("groq_api_keys_settings", "Groq API Keys", "API key for Groq", "ai_providers",
                    API_KEY_VALUE, true, false));

    private final SettingsRepository repository;

    SettingsDefaults(SettingsRepository repository) {
        this.repository = repository;
    }

    /** Runs inside the registration transaction; inserts missing definitions only, so it is safe to repeat. */
    void provision(Sql tx, String userId, Instant now) {
        for (Seed seed : SEEDS) {
            if (!repository.definitionExists(tx, seed.id())) {
                repository.insertDefinition(tx, new Definition(seed.id(), seed.name(), seed.description(),
                        seed.category(), SettingType.OBJECT, Json.parseStored(seed.defaultValue()),
                        EnumSet.allOf(Scope.class), false, null, List.of("default"), seed.secret(), now, now));
            }
        }
        for (Seed seed : SEEDS) {
            if (!seed.perUser()) {
                continue;
            }
            Definition definition = repository.definition(tx, seed.id()).orElseThrow();
            if (!definition.allowedScopes().contains(Scope.USER)) {
                continue; // An admin narrowed the definition: respect it rather than fail registration.
            }
            JsonNode value = Json.parseStored(seed.defaultValue());
            if (!definition.type().accepts(value)) {
                continue;
            }
            Instance instance = new Instance(Ids.newId(), seed.id(), seed.name(), value, Scope.USER, userId, null,
                    now, now);
            repository.insertInstance(tx, instance, definition.secret(),
                    definition.multiple() ? null : InstancesService.singleKey(instance));
        }
    }
}
