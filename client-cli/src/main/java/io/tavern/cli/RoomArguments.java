package io.tavern.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code /create} and {@code /join}: {@code NAME [--max N] [--private] [--password [PW]]}.
 *
 * <p>Room names may hold spaces, so the name is every word that is neither an option nor an option's
 * value, joined by single spaces: {@code /join My Room} and {@code /join "My Room"} both name "My
 * Room" (quotes keep unusual spacing exactly). {@code --password} takes the next word as the password
 * unless that word is an option; without a value it asks.
 *
 * @param password the password given on the line, or null
 */
record RoomArguments(String name, int capacity, boolean isPrivate, boolean passwordWanted, String password) {

    static RoomArguments parse(List<String> args, boolean creating) {
        List<String> nameWords = new ArrayList<>();
        int capacity = 0;
        boolean isPrivate = false;
        boolean passwordWanted = false;
        String password = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--password") || arg.startsWith("--password=")) {
                passwordWanted = true;
                if (arg.startsWith("--password=")) {
                    password = arg.substring("--password=".length());
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    password = args.get(++i);
                }
            } else if (creating && arg.equals("--private")) {
                isPrivate = true;
            } else if (creating && (arg.equals("--max") || arg.startsWith("--max="))) {
                String value = arg.startsWith("--max=") ? arg.substring("--max=".length())
                        : i + 1 < args.size() ? args.get(++i) : "";
                try {
                    capacity = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--max needs a number, not '" + value + "'");
                }
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else {
                nameWords.add(arg);
            }
        }
        String name = String.join(" ", nameWords).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("which room?");
        }
        return new RoomArguments(name, capacity, isPrivate, passwordWanted,
                password == null || password.isEmpty() ? null : password);
    }

    @Override
    public String toString() {
        return "RoomArguments[" + name + ", capacity " + capacity + (isPrivate ? ", private" : "")
                + (passwordWanted ? ", password" : "") + "]"; // never the password itself
    }
}
