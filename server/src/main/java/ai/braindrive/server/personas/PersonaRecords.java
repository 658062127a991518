package ai.braindrive.server.personas;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Request and response bodies of the persona endpoints. */
final class PersonaRecords {
    private PersonaRecords() {
    }

    /** Create and update body; on update only the fields present in the JSON are applied. */
    record PersonaBody(String name, String description, String systemPrompt, JsonNode modelSettings, String avatar,
                       List<String> tags, String sampleGreeting, Boolean isActive, String userId) {
    }

    record PersonaPage(List<Persona> personas, long totalItems, int page, int pageSize, long totalPages) {
    }

    /** List filters: a case-insensitive substring, any of the tags, the active flag (null: all). */
    record PersonaFilter(String search, List<String> tags, Boolean isActive) {
    }
}
