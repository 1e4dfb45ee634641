package io.tavern.server.observability;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.server.chat.ChatRecorder;
import io.tavern.server.session.PlayerIdentity;

/** Counts each chat message the recorder behind it accepted: a message it refuses is never delivered. */
final class CountingChatRecorder implements ChatRecorder {

    private final ChatRecorder recorder;
    private final ChatMetrics metrics;

    CountingChatRecorder(ChatRecorder recorder, ChatMetrics metrics) {
        this.recorder = recorder;
        this.metrics = metrics;
    }

    @Override
    public boolean record(ChatMessage message) {
        boolean accepted = recorder.record(message);
        if (accepted) {
            metrics.accepted(message.getScope());
        }
        return accepted;
    }

    @Override
    public boolean recordWhisper(ChatMessage whisper, PlayerIdentity sender, PlayerIdentity recipient) {
        boolean accepted = recorder.recordWhisper(whisper, sender, recipient);
        if (accepted) {
            metrics.accepted(whisper.getScope());
        }
        return accepted;
    }

    @Override
    public String toString() {
        return "Counting[" + recorder + "]";
    }
}
