package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What a page of a sorted listing costs: the listing is sorted as it changes, so a page after a cursor costs a
 * binary search, and a page by offset not one comparison. Sorting five thousand entries would take tens of
 * thousands of comparisons; even checking that they are sorted, 4 999.
 */
class SortedSnapshotTest {

    static final int ENTRIES = 5_000;

    /** An entry that counts the comparisons made with it. */
    static final class Counted extends ListingKey {
        static int comparisons;

        Counted(int n) {
            super(String.format(Locale.ROOT, "name%05d", n), "id" + n);
        }

        @Override
        public int compareTo(ListingKey other) {
            comparisons++;
            return super.compareTo(other);
        }
    }

    private static SortedSnapshot<Counted> listing() {
        List<Counted> entries = new ArrayList<>();
        for (int n = 0; n < ENTRIES; n++) {
            entries.add(new Counted(n));
        }
        Collections.shuffle(entries, new Random(2));
        SortedSnapshot<Counted> snapshot = SortedSnapshot.empty();
        for (Counted entry : entries) {
            snapshot = snapshot.with(entry);
        }
        return snapshot;
    }

    @Test
    void aPageAfterACursorCostsOneBinarySearch() {
        SortedSnapshot<Counted> snapshot = listing();
        ListingKey cursor = ListingKey.parseCursor("id2500:name02500");
        Counted.comparisons = 0;

        SortedSnapshot.Page<Counted> page = snapshot.page(null, cursor, 0, 200);

        assertThat(Counted.comparisons).as("log2(5 000) rounded up").isLessThanOrEqualTo(13);
        assertThat(page.items()).extracting(entry -> entry.name).first().isEqualTo("name02501");
        assertThat(page.items()).extracting(entry -> entry.name).isSorted().hasSize(200);
        assertThat(page.next()).isEqualTo("id2700:name02700");
    }

    @Test
    void aPageByOffsetComparesNothing() {
        SortedSnapshot<Counted> snapshot = listing();
        Counted.comparisons = 0;

        SortedSnapshot.Page<Counted> page = snapshot.page(null, null, 24, 200);

        assertThat(Counted.comparisons).isZero();
        assertThat(page.items()).extracting(entry -> entry.name).first().isEqualTo("name04800");
        assertThat(page.next()).as("the last page").isEmpty();
        assertThat(page.total()).isEqualTo(ENTRIES);
    }

    @Test
    void aCursorWhoseEntryLeftResumesWhereItWouldSort() {
        SortedSnapshot<Counted> snapshot = listing();
        int at = snapshot.indexOf(ListingKey.parseCursor("id10:name00010"));

        SortedSnapshot<Counted> without = snapshot.without(at);

        assertThat(without.version).isEqualTo(snapshot.version + 1);
        assertThat(without.page(null, ListingKey.parseCursor("id10:name00010"), 0, 1).items())
                .extracting(entry -> entry.name).containsExactly("name00011");
        assertThat(snapshot.size()).as("a snapshot never changes").isEqualTo(ENTRIES);
    }
}
