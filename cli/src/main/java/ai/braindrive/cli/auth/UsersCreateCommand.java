package ai.braindrive.cli.auth;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.braindrive.cli.ApiCommand;
import ai.braindrive.cli.http.RestClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code braindrive users create}: registers a user; the first user of a server becomes its admin. */
@Command(name = "create", description = "Create a user. The first user of a server becomes its admin.")
public final class UsersCreateCommand extends ApiCommand {
    @Option(names = "--username", required = true, paramLabel = "NAME",
            description = "3-50 letters, digits, '_', '.' or '-'.")
    String username;

    @Option(names = "--email", required = true, paramLabel = "EMAIL")
    String email;

    @Option(names = "--full-name", paramLabel = "NAME")
    String fullName;

    @Option(names = "--password-stdin", description = "Read the password from stdin (else asked for twice).")
    boolean passwordStdin;

    @Override
    protected int run(RestClient client) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("email", email);
        body.put("password", PasswordInput.read(context(), passwordStdin, true));
        if (fullName != null) {
            body.put("full_name", fullName);
        }
        print(client.anonymous().post("/api/v1/auth/register", body), Users.TABLE);
        return OK;
    }
}
