-- The chat archive. The server assigns message ids before they reach the database, increasing within a
-- scope: the lobby, one room, one whisper pair, system announcements. scope_key names that sequence:
--   'LOBBY' | 'ROOM:<room_id>' | 'WHISPER:<name_key>:<name_key>' (the pair in sorted order)
--   | 'SYSTEM' | 'SYSTEM:<room_id>'
-- so (scope_key, id) identifies a message. The archive inserts "if absent" on that key, which makes a
-- retried batch harmless when its first attempt committed but the acknowledgement was lost.
--
-- History is paged newest first by (sent_at, id) within one scope_key: chat_message_history_ix serves a
-- room's history (scope_key = 'ROOM:' || room_id), a whisper pair's and the lobby's with one index, where
-- separate (room_id, sent_at, id) and (pair, sent_at, id) indexes would cost every insert twice.
-- Rooms are keyed by their unique id, never by name: a new room with an old room's name starts empty.
CREATE TABLE chat_message (
    scope_key VARCHAR(160)  NOT NULL,
    id        BIGINT        NOT NULL,
    scope     VARCHAR(8)    NOT NULL,
    room_id   VARCHAR(64),
    room_name VARCHAR(64),
    sender    VARCHAR(64),            -- NULL for SYSTEM
    recipient VARCHAR(64),            -- WHISPER only
    text      VARCHAR(4000) NOT NULL,
    sent_at   TIMESTAMP WITH TIME ZONE NOT NULL,  -- server time, millisecond precision as on the wire
    CONSTRAINT chat_message_pk PRIMARY KEY (scope_key, id),
    CONSTRAINT chat_message_scope_ck CHECK (scope IN ('LOBBY', 'ROOM', 'WHISPER', 'SYSTEM'))
);

CREATE INDEX chat_message_history_ix ON chat_message (scope_key, sent_at, id);
