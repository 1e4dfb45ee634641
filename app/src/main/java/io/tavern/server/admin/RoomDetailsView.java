package io.tavern.server.admin;

import io.tavern.protocol.v1.Member;
import io.tavern.protocol.v1.RoomDetails;
import java.time.Instant;
import java.util.List;

/** A room with its members, as one consistent snapshot taken on the room's own executor. */
public record RoomDetailsView(RoomView room, List<MemberView> members) {

    public record MemberView(String user, boolean owner, boolean ready, Instant joinedAt) {

        static MemberView of(Member member) {
            return new MemberView(member.getUser(), member.getOwner(), member.getReady(),
                    Instant.ofEpochMilli(member.getJoinedAtMs()));
        }
    }

    static RoomDetailsView of(RoomDetails details) {
        return new RoomDetailsView(RoomView.of(details.getRoom()),
                details.getMembersList().stream().map(MemberView::of).toList());
    }
}
