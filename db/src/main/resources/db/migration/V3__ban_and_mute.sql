-- Moderation: at most one ban and one mute per user (a new one replaces the old); their history is in
-- audit_log. expires_at NULL means permanent. user_key is the lower-cased name, as account.name_key.
CREATE TABLE ban (
    user_key   VARCHAR(64)  NOT NULL,
    user_name  VARCHAR(64)  NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    reason     VARCHAR(500),
    issued_by  VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ban_pk PRIMARY KEY (user_key)
);

CREATE INDEX ban_created_ix ON ban (created_at);

CREATE TABLE mute (
    user_key   VARCHAR(64)  NOT NULL,
    user_name  VARCHAR(64)  NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    reason     VARCHAR(500),
    issued_by  VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT mute_pk PRIMARY KEY (user_key)
);

CREATE INDEX mute_created_ix ON mute (created_at);
