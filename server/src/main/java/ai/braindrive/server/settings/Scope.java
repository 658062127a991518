package ai.braindrive.server.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where a setting value applies. A page value overrides a user value, which overrides a system value. */
public enum Scope {
    SYSTEM, USER, PAGE;

    public static final List<String> NAMES = Arrays.stream(values()).map(Scope::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive, as the original back end accepted ({@code USER} and {@code user}). */
    public static Optional<Scope> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(scope -> scope.wire().equals(key)).findFirst();
    }
}
