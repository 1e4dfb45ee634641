package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.LobbyEventType;
import io.tavern.protocol.v1.RoomList;
import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.server.lobby.RoomListing.Batch;
import io.tavern.server.lobby.RoomListing.Change;
import org.junit.jupiter.api.Test;

/** The sorted, versioned room list, and the pending changes the feed drains from it. */
class RoomListingTest {

    final RoomListing listing = new RoomListing();

    static RoomSummary room(String id, String name, int members) {
        return RoomSummary.newBuilder().setId(id).setName(name).setMembers(members).setCapacity(8)
                .setState(RoomState.OPEN).build();
    }

    @Test
    void roomsAreListedByNameCaseInsensitivelyThenById() {
        listing.apply(LobbyEventType.ROOM_CREATED, room("2", "beta", 1));
        listing.apply(LobbyEventType.ROOM_CREATED, room("1", "Alpha", 1));
        listing.apply(LobbyEventType.ROOM_CREATED, room("0", "BETA", 1));

        RoomList all = RoomListPages.page(listing.snapshot(), null, null, 0, 50);
        assertThat(all.getRoomsList()).extracting(RoomSummary::getId).containsExactly("1", "0", "2");
        assertThat(all.getVersion()).isEqualTo(3);
    }

    @Test
    void everyChangeCountsOneVersionAndASummaryThatDidNotChangeCountsNone() {
        assertThat(listing.apply(LobbyEventType.ROOM_CREATED, room("1", "a", 1))).isTrue();
        assertThat(listing.apply(LobbyEventType.ROOM_UPDATED, room("1", "a", 1))).isFalse();
        assertThat(listing.apply(LobbyEventType.ROOM_UPDATED, room("1", "a", 2))).isTrue();
        assertThat(listing.apply(LobbyEventType.ROOM_REMOVED, room("9", "z", 1))).isFalse();
        assertThat(listing.snapshot().version).isEqualTo(2);
    }

    @Test
    void aRoomCreatedSinceTheLastBatchIsCreatedToWatchersThatNeverHeardOfItAndUpdatedToThoseWhoseSnapshotListsIt() {
        listing.apply(LobbyEventType.ROOM_CREATED, room("1", "a", 1)); // version 1
        long watcherBefore = 0;
        listing.apply(LobbyEventType.ROOM_UPDATED, room("1", "a", 2)); // version 2
        long watcherAfter = listing.snapshot().version; // a snapshot taken here lists the room
        listing.apply(LobbyEventType.ROOM_UPDATED, room("1", "a", 3)); // version 3

        Change change = listing.drain().changes().get(0);
        assertThat(change.type()).isEqualTo(LobbyEventType.ROOM_CREATED);
        assertThat(change.createdVersion()).isEqualTo(1);
        assertThat(change.typeFor(watcherBefore)).isEqualTo(LobbyEventType.ROOM_CREATED);
        assertThat(change.typeFor(watcherAfter)).isEqualTo(LobbyEventType.ROOM_UPDATED);
    }

    @Test
    void pendingChangesAreOnePerRoomTheLatestWinningInVersionOrder() {
        listing.apply(LobbyEventType.ROOM_CREATED, room("1", "a", 1));
        listing.apply(LobbyEventType.ROOM_CREATED, room("2", "b", 1));
        for (int members = 2; members <= 100; members++) {
            listing.apply(LobbyEventType.ROOM_UPDATED, room("1", "a", members));
        }
        listing.apply(LobbyEventType.ROOM_REMOVED, room("2", "b", 1));

        Batch batch = listing.drain();
        assertThat(batch.version()).isEqualTo(listing.snapshot().version);
        assertThat(batch.changes()).extracting(Change::type)
                .containsExactly(LobbyEventType.ROOM_CREATED, LobbyEventType.ROOM_REMOVED);
        assertThat(batch.changes().get(0).room().getMembers()).isEqualTo(100);
        assertThat(batch.changes()).extracting(Change::version).isSorted();
        assertThat(listing.drain().changes()).isEmpty();
    }

    @Test
    void anUpdateToARoomTheFeedAlreadyAnnouncedIsAnUpdate() {
        listing.apply(LobbyEventType.ROOM_CREATED, room("1", "a", 1));
        listing.drain();
        listing.apply(LobbyEventType.ROOM_UPDATED, room("1", "a", 2));
        assertThat(listing.drain().changes()).extracting(Change::type).containsExactly(LobbyEventType.ROOM_UPDATED);
    }

    @Test
    void aSnapshotStaysAsItWasWhileTheListingChanges() {
        listing.apply(LobbyEventType.ROOM_CREATED, room("1", "a", 1));
        SortedSnapshot<RoomListing.Entry> before = listing.snapshot();
        listing.apply(LobbyEventType.ROOM_UPDATED, room("1", "a", 2));
        listing.apply(LobbyEventType.ROOM_CREATED, room("2", "b", 1));

        assertThat(RoomListPages.page(before, null, null, 0, 50).getRoomsList()).containsExactly(room("1", "a", 1));
    }

    @Test
    void aCursorResumesAfterItsRoomEvenWhenThatRoomIsGone() {
        for (int i = 0; i < 10; i++) {
            listing.apply(LobbyEventType.ROOM_CREATED, room("id" + i, "room " + i, 1));
        }
        RoomList first = RoomListPages.page(listing.snapshot(), null, null, 0, 4);
        assertThat(first.getNext()).isNotEmpty();
        listing.apply(LobbyEventType.ROOM_REMOVED, room("id3", "room 3", 1));
        listing.apply(LobbyEventType.ROOM_REMOVED, room("id1", "room 1", 1));

        RoomList second = RoomListPages.page(listing.snapshot(), null, ListingKey.parseCursor(first.getNext()), 0, 4);
        assertThat(second.getRoomsList()).extracting(RoomSummary::getId).containsExactly("id4", "id5", "id6", "id7");
        assertThat(second.getTotal()).isEqualTo(8);
    }

    @Test
    void aFilteredPageCountsEveryMatchAndPointsPastItsLastRoom() {
        for (int i = 0; i < 10; i++) {
            listing.apply(LobbyEventType.ROOM_CREATED, room("id" + i, "room " + i, i % 2));
        }
        RoomList page = RoomListPages.page(listing.snapshot(), entry -> entry.room.getMembers() == 1, null, 0, 2);
        assertThat(page.getRoomsList()).extracting(RoomSummary::getId).containsExactly("id1", "id3");
        assertThat(page.getTotal()).isEqualTo(5);
        RoomList next = RoomListPages.page(listing.snapshot(), entry -> entry.room.getMembers() == 1,
                ListingKey.parseCursor(page.getNext()), 0, 2);
        assertThat(next.getRoomsList()).extracting(RoomSummary::getId).containsExactly("id5", "id7");
        RoomList byOffset = RoomListPages.page(listing.snapshot(), entry -> entry.room.getMembers() == 1, null, 2, 2);
        assertThat(byOffset.getRoomsList()).extracting(RoomSummary::getId).containsExactly("id9");
        assertThat(byOffset.getNext()).isEmpty();
    }

    @Test
    void somethingThatIsNotACursorIsRecognised() {
        assertThat(ListingKey.parseCursor("no colon")).isNull();
        assertThat(ListingKey.parseCursor(":starts with one")).isNull();
        assertThat(ListingKey.parseCursor("id:name: with colon")).extracting(key -> key.id, key -> key.name)
                .containsExactly("id", "name: with colon");
    }
}
