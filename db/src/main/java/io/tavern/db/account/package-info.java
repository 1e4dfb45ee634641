/**
 * Registered accounts: registration, login, and the rule that a guest cannot take a registered name; their
 * passwords hashed with Argon2id on a pool of their own ({@link io.tavern.db.account.PasswordHashing}).
 */
package io.tavern.db.account;
