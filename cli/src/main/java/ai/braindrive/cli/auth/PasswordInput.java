package ai.braindrive.cli.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import ai.braindrive.cli.CliContext;
import ai.braindrive.cli.CliException;
import ai.braindrive.cli.ExitCodes;
import ai.braindrive.cli.Prompter;

/** Reads a password from stdin ({@code --password-stdin}) or asks for it with hidden input on a terminal. */
final class PasswordInput {
    private static final int MAX_BYTES = 4096;

    private PasswordInput() {
    }

    static String read(CliContext context, boolean fromStdin, boolean confirm) {
        if (fromStdin) {
            return fromStdin(context.stdin());
        }
        Prompter prompter = context.prompter();
        if (prompter == null) {
            throw new CliException(ExitCodes.USAGE, "No terminal to ask for the password: "
                    + "pipe it in with --password-stdin");
        }
        char[] password = prompter.readPassword("Password: ");
        if (password == null || password.length == 0) {
            throw new CliException(ExitCodes.USAGE, "No password given");
        }
        try {
            if (confirm) {
                char[] again = prompter.readPassword("Repeat password: ");
                if (!Arrays.equals(password, again)) {
                    throw new CliException(ExitCodes.USAGE, "The passwords do not match");
                }
            }
            return new String(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Asks for a value on the terminal when it was not given as an option. */
    static String option(CliContext context, String value, String prompt, String optionName) {
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        Prompter prompter = context.prompter();
        if (prompter == null) {
            throw new CliException(ExitCodes.USAGE, "Missing " + optionName);
        }
        String answer = prompter.readLine(prompt);
        if (answer == null || answer.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "Missing " + optionName);
        }
        return answer.strip();
    }

    /** All of stdin without the line break(s) at its end, like {@code docker login --password-stdin}. */
    private static String fromStdin(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new CliException(ExitCodes.USAGE, "The password on stdin is too long");
            }
            String password = new String(bytes, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
            if (password.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "No password on stdin (--password-stdin)");
            }
            return password;
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "Cannot read the password from stdin: " + e.getMessage(), e);
        }
    }
}
