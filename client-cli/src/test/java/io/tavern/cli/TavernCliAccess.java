package io.tavern.cli;

import picocli.CommandLine;

/** Lets tests in sub-packages build the CLI's command line. */
public final class TavernCliAccess {

    private TavernCliAccess() {
    }

    public static CommandLine commandLine() {
        return TavernCli.commandLine();
    }
}
