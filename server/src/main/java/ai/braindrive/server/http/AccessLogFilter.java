package ai.braindrive.server.http;

import java.util.UUID;
import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Gives every request an id ({@code X-Request-ID}) and logs one line per request: never a body or a token. */
public final class AccessLogFilter implements Filter {
    private static final System.Logger LOG = System.getLogger("braindrive.access");
    public static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-ID");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String requestId = req.headers().first(X_REQUEST_ID)
                .filter(id -> SAFE_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        req.context().register(new RequestId(requestId));
        res.header(X_REQUEST_ID, requestId);
        try {
            chain.proceed();
        } finally {
            if (LOG.isLoggable(System.Logger.Level.INFO)) {
                long ms = (System.nanoTime() - start) / 1_000_000;
                String user = req.context().get(CurrentUser.class).map(CurrentUser::id).orElse("-");
                LOG.log(System.Logger.Level.INFO, req.prologue().method().text() + " " + req.path().path() + " "
                        + res.status().code() + " " + ms + "ms req=" + requestId + " user=" + user);
            }
        }
    }
}
