/** Registered accounts: registration, login, and the rule that a guest cannot take a registered name. */
package io.tavern.db.account;
