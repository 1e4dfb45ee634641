package io.tavern.db.account;

/** Registration refused: an account with this name, in any case, exists. The server answers NAME_TAKEN. */
public final class NameTakenException extends RuntimeException {

    private final String name;

    public NameTakenException(String name) {
        super("the name '" + name + "' is registered already");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
