package ai.braindrive.server.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON type of a setting's value. */
public enum SettingType {
    STRING, NUMBER, BOOLEAN, OBJECT, ARRAY;

    public static final List<String> NAMES = Arrays.stream(values()).map(SettingType::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SettingType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.wire().equals(key)).findFirst();
    }

    public boolean accepts(JsonNode value) {
        return switch (this) {
            case STRING -> value.isTextual();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case OBJECT -> value.isObject();
            case ARRAY -> value.isArray();
        };
    }
}
