package ai.braindrive.server.settings;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Hides the secret parts of a secret setting's value in responses, and puts them back when a client sends the
 * mask unchanged. A secret string is masked whole; in objects, strings under a field whose name contains
 * key, token, secret, password or credential are masked (with everything nested below such a field).
 * Arrays are masked element by element. Empty strings stay empty, so "no key yet" remains visible.
 */
final class SecretMask {
    static final String MASK = "********";
    private static final String[] SENSITIVE = {"key", "token", "secret", "password", "credential"};

    private SecretMask() {
    }

    static JsonNode mask(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isObject()) {
            return maskFields((ObjectNode) value, false);
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> copy.add(mask(element)));
            return copy;
        }
        return maskIn(value, true);
    }

    private static JsonNode maskIn(JsonNode node, boolean sensitive) {
        if (node.isTextual()) {
            return sensitive && !node.asText().isEmpty() ? TextNode.valueOf(MASK) : node;
        }
        if (node.isObject()) {
            return maskFields((ObjectNode) node, sensitive);
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(maskIn(element, sensitive)));
            return copy;
        }
        return node;
    }

    private static ObjectNode maskFields(ObjectNode object, boolean sensitive) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            copy.set(field.getKey(), maskIn(field.getValue(), sensitive || sensitiveName(field.getKey())));
        }
        return copy;
    }

    static boolean sensitiveName(String fieldName) {
        String name = fieldName.toLowerCase(Locale.ROOT);
        for (String word : SENSITIVE) {
            if (name.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code incoming} with every mask that has a stored counterpart replaced by the stored secret. Array elements
     * are paired by their {@code id} field when they have one (so removing or reordering servers keeps each key
     * with its server), otherwise by position.
     */
    static JsonNode restore(JsonNode incoming, JsonNode stored) {
        if (incoming == null || stored == null) {
            return incoming;
        }
        if (incoming.isTextual()) {
            return MASK.equals(incoming.asText()) && stored.isTextual() ? stored : incoming;
        }
        if (incoming.isObject() && stored.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = incoming.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), restore(field.getValue(), stored.get(field.getKey())));
            }
            return copy;
        }
        if (incoming.isArray() && stored.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < incoming.size(); i++) {
                JsonNode element = incoming.get(i);
                copy.add(restore(element, counterpart(element, stored, i)));
            }
            return copy;
        }
        return incoming;
    }

    private static JsonNode counterpart(JsonNode element, JsonNode storedArray, int index) {
        JsonNode id = element.isObject() ? element.get("id") : null;
        if (id != null && id.isValueNode() && !id.isNull()) {
            for (JsonNode candidate : storedArray) {
                if (candidate.isObject() && id.equals(candidate.get("id"))) {
                    return candidate;
                }
            }
            return null;
        }
        return storedArray.get(index);
    }
}
