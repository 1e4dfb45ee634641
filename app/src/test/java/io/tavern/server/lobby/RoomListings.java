package io.tavern.server.lobby;

import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.protocol.v1.RoomList;
import java.util.concurrent.TimeUnit;

/** Reading a whole room list over the wire, page by page. */
final class RoomListings {

    private RoomListings() {
    }

    /**
     * Every listed room, read with the {@code next} cursor; fails unless every page was read at one
     * version (the list did not change while it was read), so that the result is one listing.
     */
    static RoomList all(TavernClient client) throws Exception {
        RoomList.Builder all = RoomList.newBuilder();
        RoomList page = client.listRooms(ListRooms.newBuilder().setPageSize(50).build()).get(10, TimeUnit.SECONDS);
        all.setVersion(page.getVersion()).setTotal(page.getTotal()).addAllRooms(page.getRoomsList());
        while (!page.getNext().isEmpty()) {
            page = client.listRooms(ListRooms.newBuilder().setPageSize(50).setAfter(page.getNext()).build())
                    .get(10, TimeUnit.SECONDS);
            if (page.getVersion() != all.getVersion()) {
                throw new AssertionError("the list changed while it was read");
            }
            all.addAllRooms(page.getRoomsList());
        }
        return all.build();
    }
}
