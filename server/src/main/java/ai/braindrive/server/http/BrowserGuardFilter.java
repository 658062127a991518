package ai.braindrive.server.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * A desktop server on loopback is reachable from every web page the user opens. This filter refuses foreign
 * {@code Host} names (DNS rebinding), cookie-authenticated writes from foreign origins (CSRF), and answers CORS
 * for the allowed origins (default: any port of localhost and 127.0.0.1) with credentials.
 */
public final class BrowserGuardFilter implements Filter {
    private static final Set<Method> SAFE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS);

    private final Set<String> allowedHosts;
    private final List<Pattern> allowedOrigins;

    public BrowserGuardFilter(List<String> extraHosts, List<String> originPatterns) {
        java.util.HashSet<String> hosts = new java.util.HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]", "::1"));
        extraHosts.forEach(host -> hosts.add(host.toLowerCase(Locale.ROOT)));
        this.allowedHosts = Set.copyOf(hosts);
        this.allowedOrigins = originPatterns.stream().map(BrowserGuardFilter::originPattern).toList();
    }

    /** {@code http://localhost:*} matches any port; {@code *} alone matches every origin. */
    static Pattern originPattern(String pattern) {
        if (pattern.equals("*")) {
            return Pattern.compile(".*");
        }
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^/]*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> host = req.headers().first(HeaderNames.HOST);
        if (host.isPresent() && !allowedHosts.contains(hostName(host.get()))) {
            deny(res, "Host not allowed");
            return;
        }
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        boolean originAllowed = origin.isPresent() && isAllowedOrigin(origin.get());
        Method method = req.prologue().method();
        if (origin.isPresent() && !originAllowed && !SAFE.contains(method) && carriesAuthCookie(req)) {
            deny(res, "Origin not allowed");
            return;
        }
        if (originAllowed) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            res.header(HeaderNames.VARY, "Origin");
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "X-Request-ID, X-Total-Count, Retry-After, Content-Disposition");
        }
        if (method == Method.OPTIONS && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            if (!originAllowed) {
                deny(res, "Origin not allowed");
                return;
            }
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, PATCH, DELETE, OPTIONS");
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, req.headers()
                    .first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS).orElse("Content-Type, Authorization"));
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        chain.proceed();
    }

    boolean isAllowedOrigin(String origin) {
        for (Pattern pattern : allowedOrigins) {
            if (pattern.matcher(origin).matches()) {
                return true;
            }
        }
        return false;
    }

    static String hostName(String hostHeader) {
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
    }

    private static boolean carriesAuthCookie(RoutingRequest req) {
        boolean bearer = req.headers().first(HeaderNames.AUTHORIZATION)
                .map(value -> value.regionMatches(true, 0, "Bearer ", 0, 7)).orElse(false);
        if (bearer) {
            return false;
        }
        return req.headers().contains(HeaderNames.COOKIE);
    }

    private static void deny(RoutingResponse res, String detail) {
        Json.send(res, Status.FORBIDDEN_403, java.util.Map.of("detail", detail));
    }
}
