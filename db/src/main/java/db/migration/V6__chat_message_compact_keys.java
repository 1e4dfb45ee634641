package db.migration;

import io.tavern.db.chat.ChatChannel;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The chat archive, re-keyed for throughput and privacy (issues 12 and 13), keeping every archived message.
 *
 * <p>Before: primary key (scope_key VARCHAR, id) plus a (scope_key, sent_at, id) index, ids unique only
 * within a scope, whispers keyed by the two names. After: primary key (channel BIGINT, id BIGINT) and no
 * other index. {@code channel} is a 64-bit hash of the channel's key ({@link ChatChannel#id()}); ids are now
 * unique across nodes and grow with time within a channel, so history pages by (channel, id) alone. Whisper
 * rows carry their parties' stable identities ({@code sender_party}, {@code recipient_party}), which whisper
 * history is keyed by, so a later holder of a name reads nothing of an earlier one.
 *
 * <p>Old rows keep their ids (all below 2^53, below every new id, so each channel's order holds across the
 * change); their channel is the hash of their old scope_key, which for the lobby, rooms and announcements is
 * the new key. Old whispers were keyed by names only: nobody can tell whose they were, so they keep no
 * parties, stay in the table for operators, and no player can page them any more.
 *
 * <p>Java, not SQL: the channel hash is computed here exactly as the server computes it. The statements are
 * the same on PostgreSQL and on H2 in PostgreSQL mode. Constraint names are new, as the old table holds the
 * old ones until it is dropped.
 */
public class V6__chat_message_compact_keys extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE chat_message RENAME TO chat_message_v2");
            ddl.execute("""
                    CREATE TABLE chat_message (
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
                        CONSTRAINT chat_message_channel_id_pk PRIMARY KEY (channel, id)
                    )""");
        }
        copyRows(connection);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE chat_message_v2");
        }
    }

    private static void copyRows(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO chat_message (channel, id, scope,"
                     + " room_id, room_name, sender, recipient, text, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            select.setFetchSize(BATCH);
            try (ResultSet old = select.executeQuery("SELECT scope_key, id, scope, room_id, room_name, sender,"
                    + " recipient, text, sent_at FROM chat_message_v2")) {
                int pending = 0;
                while (old.next()) {
                    insert.setLong(1, ChatChannel.idOfKey(old.getString("scope_key")));
                    insert.setLong(2, old.getLong("id"));
                    insert.setString(3, old.getString("scope"));
                    insert.setString(4, old.getString("room_id"));
                    insert.setString(5, old.getString("room_name"));
                    insert.setString(6, old.getString("sender"));
                    insert.setString(7, old.getString("recipient"));
                    insert.setString(8, old.getString("text"));
                    insert.setObject(9, old.getObject("sent_at"));
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
        }
    }
}
