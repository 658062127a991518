package ai.braindrive.server.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects validation failures of one request body, then throws them together as a 422.
 * <pre>{@code new Checks().required("name", body.name()).length("name", body.name(), 1, 100).validate();}</pre>
 */
public final class Checks {
    private final List<FieldError> errors = new ArrayList<>();

    public Checks required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            errors.add(FieldError.body(field, "Field required", "missing"));
        }
        return this;
    }

    /** Length bounds of an optional string (null passes; combine with {@link #required}). */
    public Checks length(String field, String value, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            errors.add(FieldError.body(field, "String should have between " + min + " and " + max + " characters",
                    value.length() < min ? "string_too_short" : "string_too_long"));
        }
        return this;
    }

    public Checks matches(String field, String value, Pattern pattern, String message) {
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(FieldError.body(field, message, "string_pattern_mismatch"));
        }
        return this;
    }

    public Checks oneOf(String field, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.add(FieldError.body(field, "Input should be " + String.join(", ", allowed.stream()
                    .map(a -> "'" + a + "'").toList()), "enum"));
        }
        return this;
    }

    public Checks range(String field, Number value, double min, double max) {
        if (value != null && (value.doubleValue() < min || value.doubleValue() > max)) {
            errors.add(FieldError.body(field, "Input should be between " + min + " and " + max, "value_error"));
        }
        return this;
    }

    public Checks check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(FieldError.body(field, message, "value_error"));
        }
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void validate() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
