package bench;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;

/** A bare Helidon SE server: {@code GET /health} answers {"status":"healthy"}. Usage: Hello [port]. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> routing.get("/health", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "application/json");
                    res.send("{\"status\":\"healthy\"}");
                }))
                .build()
                .start();
        System.out.println("hello-helidon listening on http://127.0.0.1:" + server.port());
    }
}
