package ai.braindrive.server.personas;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** A persona as stored and as answered: a reusable system prompt with model settings, owned by one user. */
public record Persona(String id, String name, String description, String systemPrompt, JsonNode modelSettings,
                      String avatar, List<String> tags, String sampleGreeting, boolean isActive, String userId,
                      Instant createdAt, Instant updatedAt) {

    public Persona {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    Persona withTags(List<String> newTags) {
        return new Persona(id, name, description, systemPrompt, modelSettings, avatar, newTags, sampleGreeting,
                isActive, userId, createdAt, updatedAt);
    }
}
