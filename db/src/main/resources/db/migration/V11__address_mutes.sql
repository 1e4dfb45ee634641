-- Address mutes join address bans in one table. The two differ only in what they refuse: a ban a login, a
-- mute a chat line; that is the row's kind. A range may be banned and muted at once (one row of each kind),
-- each with its own end, reason and operator; putting one again replaces that kind's row only.
ALTER TABLE address_ban RENAME TO address_sanction;
ALTER TABLE address_sanction ADD COLUMN kind VARCHAR(8) DEFAULT 'BAN' NOT NULL;
ALTER TABLE address_sanction ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE address_sanction ADD CONSTRAINT address_sanction_kind_ck CHECK (kind IN ('BAN', 'MUTE'));
ALTER TABLE address_sanction DROP CONSTRAINT address_ban_pk;
ALTER TABLE address_sanction ADD CONSTRAINT address_sanction_pk PRIMARY KEY (kind, range_key);
ALTER INDEX address_ban_created_ix RENAME TO address_sanction_created_ix;
ALTER INDEX address_ban_expires_ix RENAME TO address_sanction_expires_ix;
