package io.tavern.cli.bench.baseline;

import io.tavern.protocol.ProtoWriter;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A room of the bare baseline: its members grouped by the event loop that serves them, so that a
 * message is handed to each other loop once, with that loop's members. The groups are
 * copy-on-write arrays: joins and leaves (rare) take the room's lock and publish new arrays; a
 * fan-out (every message) reads them without a lock.
 */
final class BareRoom {

    private final String id;
    private final String name;
    private final int capacity;
    /** Fields 3 and 4 of every ChatMessage of this room (room_id, room_name), encoded once. */
    private final byte[] chatFields;
    private final AtomicLong lastMessageId = new AtomicLong();
    private volatile BareSession[][] membersByLoop;
    private int size;

    BareRoom(String id, String name, int capacity, int loops) {
        this.id = id;
        this.name = name;
        this.capacity = capacity;
        this.membersByLoop = new BareSession[loops][0];
        byte[] idField = ProtoWriter.bytesField(ChatMessage.ROOM_ID_FIELD_NUMBER, id.getBytes(StandardCharsets.UTF_8));
        byte[] nameField = ProtoWriter.bytesField(ChatMessage.ROOM_NAME_FIELD_NUMBER, name.getBytes(StandardCharsets.UTF_8));
        this.chatFields = Arrays.copyOf(idField, idField.length + nameField.length);
        System.arraycopy(nameField, 0, chatFields, idField.length, nameField.length);
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    byte[] chatFields() {
        return chatFields;
    }

    long nextMessageId() {
        return lastMessageId.incrementAndGet();
    }

    /** The members, by the index of their event loop; read without a lock, never modified. */
    BareSession[][] membersByLoop() {
        return membersByLoop;
    }

    /** False when the room is full. */
    synchronized boolean add(BareSession member) {
        if (size >= capacity) {
            return false;
        }
        BareSession[][] next = membersByLoop.clone();
        BareSession[] group = next[member.loopIndex()];
        next[member.loopIndex()] = Arrays.copyOf(group, group.length + 1);
        next[member.loopIndex()][group.length] = member;
        membersByLoop = next;
        size++;
        return true;
    }

    /** Removes {@code member}; returns the members left. */
    synchronized int remove(BareSession member) {
        BareSession[][] next = membersByLoop.clone();
        BareSession[] group = next[member.loopIndex()];
        BareSession[] kept = Arrays.stream(group).filter(m -> m != member).toArray(BareSession[]::new);
        if (kept.length < group.length) {
            next[member.loopIndex()] = kept;
            membersByLoop = next;
            size--;
        }
        return size;
    }

    synchronized RoomDetails details() {
        return RoomDetails.newBuilder().setRoom(RoomSummary.newBuilder()
                .setId(id).setName(name).setCapacity(capacity).setMembers(size).setState(RoomState.OPEN)).build();
    }
}
