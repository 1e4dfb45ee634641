package io.tavern.db.chat;

import java.util.List;
import java.util.Optional;

/**
 * One page of a channel's history.
 *
 * @param messages   newest first
 * @param nextCursor where the next, older page starts; empty when there is nothing older
 */
public record HistoryPage(List<ArchivedMessage> messages, Optional<String> nextCursor) {

    public HistoryPage {
        messages = List.copyOf(messages);
    }
}
