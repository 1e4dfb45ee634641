/** Bans and mutes by name or account, bans and mutes of address ranges, and players' reports: who may not log in, who may not chat, until when, and who complained of whom. */
package io.tavern.db.moderation;
