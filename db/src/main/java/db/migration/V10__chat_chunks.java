package db.migration;

import io.tavern.db.chat.ChunkMigration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The chat archive stores chunks instead of a row per message (issue 12, item 4): {@code chat_chunk} holds a
 * row per channel per archive batch, with the batch's messages of that channel encoded in {@code body}
 * (see {@code io.tavern.db.chat.ChunkEncoder}). The database indexes a row per chunk, not per message.
 *
 * <ul>
 *   <li>{@code (channel, last_id)}: the primary key; history walks it newest first, and a batch written again
 *       after a lost acknowledgement finds its chunks under their keys.</li>
 *   <li>{@code channel_key}: the channel's key, so that two channels whose keys hash alike never show each
 *       other's messages; {@code scope} for operators' queries.</li>
 *   <li>{@code last_sent_at} (index {@code chat_chunk_sent_ix}): retention deletes a chunk once its newest
 *       message is older than the cut-off.</li>
 * </ul>
 * Every message of {@code chat_message} moves into chunks; the rows no history can page (whispers from
 * before V6, which have no parties) move, as they are, to {@code chat_message_unpaged}. Then
 * {@code chat_message} is dropped. Java, not SQL: the chunks are encoded exactly as the server encodes them.
 * The statements are the same on PostgreSQL and on H2 in PostgreSQL mode.
 */
public class V10__chat_chunks extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        try (Statement ddl = context.getConnection().createStatement()) {
            ddl.execute("""
                    CREATE TABLE chat_chunk (
                        channel       BIGINT       NOT NULL,
                        last_id       BIGINT       NOT NULL,
                        first_id      BIGINT       NOT NULL,
                        channel_key   VARCHAR(140) NOT NULL,
                        scope         VARCHAR(8)   NOT NULL,
                        first_sent_at TIMESTAMP WITH TIME ZONE NOT NULL,
                        last_sent_at  TIMESTAMP WITH TIME ZONE NOT NULL,
                        message_count INTEGER      NOT NULL,
                        body          BYTEA        NOT NULL,
                        CONSTRAINT chat_chunk_pk PRIMARY KEY (channel, last_id),
                        CONSTRAINT chat_chunk_scope_ck CHECK (scope IN ('LOBBY', 'ROOM', 'WHISPER', 'SYSTEM')),
                        CONSTRAINT chat_chunk_ids_ck CHECK (first_id <= last_id AND message_count > 0)
                    )""");
            ddl.execute("CREATE INDEX chat_chunk_sent_ix ON chat_chunk (last_sent_at)");
            ddl.execute("""
                    CREATE TABLE chat_message_unpaged (
                        channel         BIGINT        NOT NULL,
                        id              BIGINT        NOT NULL,
                        scope           VARCHAR(8)    NOT NULL,
                        room_id         VARCHAR(64),
                        room_name       VARCHAR(64),
                        sender          VARCHAR(64),
                        recipient       VARCHAR(64),
                        sender_party    VARCHAR(64),
                        recipient_party VARCHAR(64),
                        text            VARCHAR(4000) NOT NULL,
                        sent_at         TIMESTAMP WITH TIME ZONE NOT NULL,
                        CONSTRAINT chat_message_unpaged_pk PRIMARY KEY (channel, id)
                    )""");
        }
        ChunkMigration.moveRows(context.getConnection());
        try (Statement ddl = context.getConnection().createStatement()) {
            ddl.execute("DROP TABLE chat_message");
        }
    }
}
