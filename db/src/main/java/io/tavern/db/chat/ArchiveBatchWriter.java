package io.tavern.db.chat;

import io.tavern.db.Database;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Writes one batch of archived messages on the DB executor: one JDBC batch (multi-row INSERTs on
 * PostgreSQL, see {@code reWriteBatchedInserts}) in one transaction, insert-if-absent by (scope_key, id).
 * A batch is therefore stored whole or not at all, and storing it again changes nothing.
 */
final class ArchiveBatchWriter {

    private final Database database;

    ArchiveBatchWriter(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    CompletableFuture<Void> write(List<ArchivedMessage> batch) {
        List<ArchivedMessage> messages = List.copyOf(batch);
        return database.submitInTransaction(jdbc -> {
            jdbc.batchUpdate(ChatMessageTable.INSERT_IF_ABSENT, messages, messages.size(), ChatMessageTable::bindInsert);
            return null;
        });
    }
}
