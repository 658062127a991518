package ai.braindrive.cli.auth;

import java.time.Instant;
import java.util.Map;

import ai.braindrive.cli.ApiCommand;
import ai.braindrive.cli.CliException;
import ai.braindrive.cli.http.Credentials;
import ai.braindrive.cli.http.RestClient;
import ai.braindrive.cli.output.OutputFormat;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code braindrive login}: signs in and keeps the tokens for this server in the credentials file. */
@Command(name = "login", description = "Log in to a BrainDrive server; later commands use this login.")
public final class LoginCommand extends ApiCommand {
    @Option(names = "--email", paramLabel = "EMAIL", description = "Your email (asked for when omitted).")
    String email;

    @Option(names = "--password-stdin", description = "Read the password from stdin (for scripts).")
    boolean passwordStdin;

    @Override
    protected int run(RestClient client) {
        String address = PasswordInput.option(context(), email, "Email: ", "--email");
        String password = PasswordInput.read(context(), passwordStdin, false);
        RestClient.Response response = client.anonymous().check(client.anonymous().send("POST",
                "/api/v1/auth/login", Map.of("email", address, "password", password)));
        String access = response.cookie("access_token")
                .orElseThrow(() -> CliException.failure("The server did not send an access token"));
        String refresh = response.cookie("refresh_token")
                .orElseThrow(() -> CliException.failure("The server did not send a refresh token"));
        Credentials credentials = new Credentials(address, null, access, refresh, Instant.now());
        client.credentialStore().put(client.server(), credentials);

        JsonNode me = client.get("/api/v1/auth/me");
        // Re-read: the request above may have refreshed (rotated) the tokens already.
        client.credentialStore().get(client.server()).ifPresent(current -> client.credentialStore()
                .put(client.server(), current.withUsername(me.path("username").asText())));
        if (output == OutputFormat.json) {
            print(me, Users.TABLE);
        } else {
            out().println("Logged in to " + client.server() + " as " + me.path("username").asText() + " ("
                    + me.path("email").asText() + ")");
            out().flush();
        }
        return OK;
    }
}
