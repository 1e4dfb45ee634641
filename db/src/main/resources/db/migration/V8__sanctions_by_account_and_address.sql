-- Sanctions that stick to whom they are meant for.
--
-- A ban or mute put on a registered name records the account (account_id) and from then on applies to that
-- account whatever it is called later; one put on a name no account holds (a guest's) keeps account_id NULL
-- and applies to the name. user_key stays the key of puts and lifts by name. At most one row per account:
-- the store replaces an account's row when the account is sanctioned again under a new name.
ALTER TABLE ban ADD COLUMN account_id BIGINT REFERENCES account (id) ON DELETE CASCADE;
ALTER TABLE mute ADD COLUMN account_id BIGINT REFERENCES account (id) ON DELETE CASCADE;
CREATE INDEX ban_account_ix ON ban (account_id);
CREATE INDEX mute_account_ix ON mute (account_id);

-- The expiry sweep deletes sanctions whose end has passed, oldest end first.
CREATE INDEX ban_expires_ix ON ban (expires_at);
CREATE INDEX mute_expires_ix ON mute (expires_at);

-- Bans of an address or a range of addresses, IPv4 or IPv6. range_key is the canonical CIDR form: host bits
-- cleared, IPv6 in its shortest form, one address as a /32 or /128 (192.0.2.0/24, 2001:db8::/32,
-- 198.51.100.7/32). What such a ban refuses (guests, new accounts, existing accounts) is the server's
-- configuration, tavern.moderation.*, not the row's.
CREATE TABLE address_ban (
    range_key  VARCHAR(64)  NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    reason     VARCHAR(500),
    issued_by  VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT address_ban_pk PRIMARY KEY (range_key)
);

CREATE INDEX address_ban_created_ix ON address_ban (created_at);
CREATE INDEX address_ban_expires_ix ON address_ban (expires_at);
