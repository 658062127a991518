package ai.braindrive.server.pages;

import java.util.regex.Pattern;

/**
 * Route paths of pages and navigation routes. The canonical form has no leading or trailing slash:
 * {@code "my-page"}, {@code "parent/child"}. Input may carry slashes at either end ({@code "/my-page/"}); segments
 * are letters, digits, {@code _ . -} (so a route is always safe in a URL path), and never {@code .} or {@code ..}.
 */
public final class RoutePath {
    public static final int MAX_LENGTH = 255;
    public static final int MAX_SEGMENT = 100;
    public static final String RULE = "Route must be 1-255 characters: segments of letters, digits, '_', '.' or '-' "
            + "separated by '/'";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_SEGMENT + "}");

    private RoutePath() {
    }

    /** Strips surrounding whitespace and slashes; null stays null. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String route = raw.strip();
        int start = 0;
        int end = route.length();
        while (start < end && route.charAt(start) == '/') {
            start++;
        }
        while (end > start && route.charAt(end - 1) == '/') {
            end--;
        }
        return route.substring(start, end);
    }

    /** A normalized route: non-empty, at most {@link #MAX_LENGTH}, every segment valid. */
    public static boolean isValid(String route) {
        if (route == null || route.isEmpty() || route.length() > MAX_LENGTH) {
            return false;
        }
        for (String segment : route.split("/", -1)) {
            if (!isValidSegment(segment)) {
                return false;
            }
        }
        return true;
    }

    public static boolean isValidSegment(String segment) {
        return segment != null && SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
    }

    public static String lastSegment(String route) {
        return route.substring(route.lastIndexOf('/') + 1);
    }

    /** The route above {@code route}, or null at the top level. */
    public static String parentOf(String route) {
        int slash = route.lastIndexOf('/');
        return slash < 0 ? null : route.substring(0, slash);
    }

    /** {@code segment} under {@code parent} (at the top level when parent is null or empty). */
    public static String join(String parent, String segment) {
        return parent == null || parent.isEmpty() ? segment : parent + "/" + segment;
    }

    /** True when {@code route} is {@code ancestor} itself or lies below it. */
    public static boolean isSameOrUnder(String route, String ancestor) {
        return route != null && (route.equals(ancestor) || route.startsWith(ancestor + "/"));
    }

    /** {@code route} with its prefix {@code from} replaced by {@code to} (route must be same-or-under from). */
    public static String rebase(String route, String from, String to) {
        return to + route.substring(from.length());
    }
}
