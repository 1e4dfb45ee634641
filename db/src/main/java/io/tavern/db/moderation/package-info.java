/** Bans and mutes: who may not log in, who may not chat, and until when. */
package io.tavern.db.moderation;
