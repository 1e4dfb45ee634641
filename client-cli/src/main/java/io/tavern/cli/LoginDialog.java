package io.tavern.cli;

import io.tavern.protocol.v1.ErrorCode;

/**
 * Who the interactive mode logs in as. Asks for whatever the command line left out, and after the
 * server refused a login, for what would fix it: the password again after a wrong one (at most
 * {@link #PASSWORD_ATTEMPTS} in all), another name when the name is taken or not allowed. Anything
 * else (a ban, a throttle, guests refused) cannot be fixed by typing, and ends the dialog.
 */
final class LoginDialog {

    /** Passwords tried before giving up; the server's throttle allows more, but a person needs no more. */
    static final int PASSWORD_ATTEMPTS = 3;

    private final Questions questions;
    private final Credentials.Mode mode;
    private final String name;
    private final String presetPassword;
    private int passwordsTried;

    /**
     * @param mode           how to log in, or null to ask
     * @param name           the name to log in with, or null to ask
     * @param presetPassword the password from --password-file or the environment, or null to ask
     */
    LoginDialog(Questions questions, Credentials.Mode mode, String name, String presetPassword) {
        this.questions = questions;
        this.mode = mode;
        this.name = name;
        this.presetPassword = presetPassword;
    }

    /** The credentials to try first; null when the user gave up. */
    Credentials first() {
        String who = name;
        while (who == null || who.isBlank()) {
            who = questions.ask("Name: ");
            if (who == null) {
                return null;
            }
        }
        Credentials.Mode how = mode;
        while (how == null) {
            String answer = questions.ask("(g)uest, (l)og in or (r)egister? [g] ");
            if (answer == null) {
                return null;
            }
            how = answer.isEmpty() || answer.startsWith("g") ? Credentials.Mode.GUEST
                    : answer.startsWith("l") ? Credentials.Mode.LOGIN
                    : answer.startsWith("r") ? Credentials.Mode.REGISTER : null;
        }
        if (how == Credentials.Mode.GUEST) {
            return Credentials.guest(who);
        }
        if (presetPassword != null) {
            passwordsTried++;
            return new Credentials(how, who, presetPassword);
        }
        return withNewPassword(how, who, "Password for " + who + ": ");
    }

    /**
     * What to try after the server refused {@code tried} with {@code code} (the refusal was shown
     * already); null when nothing the user could type would help, or the user gave up.
     */
    Credentials afterRefusal(Credentials tried, ErrorCode code) {
        boolean chosenName = tried.mode() != Credentials.Mode.LOGIN;
        return switch (code) {
            case INVALID_CREDENTIALS -> passwordsTried >= PASSWORD_ATTEMPTS ? gaveUp()
                    : withNewPassword(tried.mode(), tried.name(), "Password for " + tried.name() + " (try "
                            + (passwordsTried + 1) + " of " + PASSWORD_ATTEMPTS + "): ");
            case NAME_TAKEN, INVALID_NAME -> chosenName ? withNewName(tried) : null;
            // Registering with a password the server does not accept (too short, too long).
            case INVALID_ARGUMENT -> tried.mode() == Credentials.Mode.REGISTER && passwordsTried < PASSWORD_ATTEMPTS
                    ? withNewPassword(tried.mode(), tried.name(), "Another password for " + tried.name() + ": ") : null;
            default -> null;
        };
    }

    private Credentials gaveUp() {
        questions.tell(Quantities.count(passwordsTried, "wrong password") + "; giving up.");
        return null;
    }

    private Credentials withNewName(Credentials tried) {
        String other = questions.ask("Another name: ");
        while (other != null && other.isBlank()) {
            other = questions.ask("Another name: ");
        }
        return other == null ? null : new Credentials(tried.mode(), other, tried.password());
    }

    /** Asks for a password (twice, to register); null when the user gave up. */
    private Credentials withNewPassword(Credentials.Mode mode, String name, String prompt) {
        while (true) {
            String password = questions.askSecret(prompt);
            if (password == null) {
                return null;
            }
            if (password.isEmpty()) {
                continue;
            }
            if (mode == Credentials.Mode.REGISTER && !password.equals(questions.askSecret("Same password again: "))) {
                questions.tell("The passwords differ; once more.");
                continue;
            }
            passwordsTried++;
            return new Credentials(mode, name, password);
        }
    }
}
