package io.tavern.server.admin.security;

import io.tavern.server.admin.Operator;

/** One operator as the server knows them: their name, their role and the token that proves it is them. */
record OperatorCredential(Operator operator, OperatorRole role, AdminToken token) {

    @Override
    public String toString() {
        return operator.name() + " (" + role.word() + ")";
    }
}
