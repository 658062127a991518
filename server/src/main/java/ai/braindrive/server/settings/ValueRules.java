package ai.braindrive.server.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import ai.braindrive.server.http.FieldError;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.ValidationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A definition's {@code validation} rules and the check of a value against its type and rules. Supported rules:
 * {@code min}/{@code max} (a number's value, a string's length, an array's size), {@code enum} (a list of allowed
 * values) and {@code pattern} (a regular expression a string must contain a match of, as in JSON Schema; anchor it
 * with ^...$ for a whole-string match). Other keys are kept but not enforced.
 */
final class ValueRules {
    static final int MAX_PATTERN = 1000;

    private ValueRules() {
    }

    /** The rules as stored: null for none, else an object whose known keys have the right shape (else 422). */
    static JsonNode checkSpec(JsonNode validation, String field) {
        if (validation == null || validation.isNull()) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        if (!validation.isObject()) {
            throw ValidationException.field(field, "validation must be an object with min, max, enum or pattern");
        }
        JsonNode min = validation.get("min");
        JsonNode max = validation.get("max");
        if (min != null && !min.isNull() && !min.isNumber()) {
            errors.add(FieldError.body(field, "validation.min must be a number", "value_error"));
        }
        if (max != null && !max.isNull() && !max.isNumber()) {
            errors.add(FieldError.body(field, "validation.max must be a number", "value_error"));
        }
        if (min != null && max != null && min.isNumber() && max.isNumber()
                && min.decimalValue().compareTo(max.decimalValue()) > 0) {
            errors.add(FieldError.body(field, "validation.min must not be greater than validation.max",
                    "value_error"));
        }
        JsonNode allowed = validation.get("enum");
        if (allowed != null && !allowed.isNull() && (!allowed.isArray() || allowed.isEmpty())) {
            errors.add(FieldError.body(field, "validation.enum must be a non-empty list", "value_error"));
        }
        JsonNode pattern = validation.get("pattern");
        if (pattern != null && !pattern.isNull()) {
            if (!pattern.isTextual() || pattern.asText().length() > MAX_PATTERN) {
                errors.add(FieldError.body(field, "validation.pattern must be a regular expression of at most "
                        + MAX_PATTERN + " characters", "value_error"));
            } else {
                try {
                    Pattern.compile(pattern.asText());
                } catch (PatternSyntaxException e) {
                    errors.add(FieldError.body(field, "validation.pattern is not a valid regular expression: "
                            + e.getDescription(), "value_error"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return validation;
    }

    /**
     * The value to store: the original front end sometimes sends object and array values JSON-encoded in a
     * string; such a string is decoded when the definition expects an object or array and it decodes to one.
     */
    static JsonNode normalize(SettingType type, JsonNode value) {
        if (value != null && value.isTextual() && (type == SettingType.OBJECT || type == SettingType.ARRAY)) {
            try {
                JsonNode decoded = Json.MAPPER.readTree(value.asText());
                if (decoded != null && type.accepts(decoded)) {
                    return decoded;
                }
            } catch (JsonProcessingException notJson) {
                // Not JSON: reported as a wrong type below.
            }
        }
        return value;
    }

    /** Throws a 422 naming {@code field} when {@code value} is not of {@code type} or breaks the rules. */
    static void check(SettingType type, JsonNode validation, JsonNode value, String field) {
        String problem = problem(type, validation, value);
        if (problem != null) {
            throw ValidationException.field(field, problem);
        }
    }

    static boolean fits(SettingType type, JsonNode validation, JsonNode value) {
        return problem(type, validation, value) == null;
    }

    private static String problem(SettingType type, JsonNode validation, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "Value is required (a " + type.wire() + ")";
        }
        if (!type.accepts(value)) {
            return "Value must be " + (type == SettingType.ARRAY || type == SettingType.OBJECT ? "an " : "a ")
                    + type.wire() + ", not " + describe(value);
        }
        if (validation == null) {
            return null;
        }
        JsonNode min = validation.get("min");
        JsonNode max = validation.get("max");
        Double measure = switch (type) {
            case NUMBER -> value.doubleValue();
            case STRING -> (double) value.asText().codePointCount(0, value.asText().length());
            case ARRAY -> (double) value.size();
            default -> null;
        };
        String what = switch (type) {
            case STRING -> "String length";
            case ARRAY -> "Number of items";
            default -> "Value";
        };
        if (measure != null && min != null && min.isNumber() && measure < min.doubleValue()) {
            return what + " must be at least " + min.asText();
        }
        if (measure != null && max != null && max.isNumber() && measure > max.doubleValue()) {
            return what + " must be at most " + max.asText();
        }
        JsonNode allowed = validation.get("enum");
        if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
            return "Value must be one of " + Json.write(allowed);
        }
        JsonNode pattern = validation.get("pattern");
        if (type == SettingType.STRING && pattern != null && pattern.isTextual()
                && !Pattern.compile(pattern.asText()).matcher(value.asText()).find()) {
            return "Value must match the pattern " + pattern.asText();
        }
        return null;
    }

    private static boolean contains(JsonNode allowed, JsonNode value) {
        for (JsonNode candidate : allowed) {
            if (candidate.isNumber() && value.isNumber()
                    ? candidate.decimalValue().compareTo(value.decimalValue()) == 0
                    : candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            default -> "null";
        };
    }
}
