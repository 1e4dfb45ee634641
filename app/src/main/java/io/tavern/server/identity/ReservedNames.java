package io.tavern.server.identity;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Names no player may take, as a guest or an account: {@code admin}, {@code system}, {@code server} and the
 * operator's own ({@code tavern.auth.reserved-names}), so that nobody can speak as the house. A name is
 * reserved when its skeleton is a reserved name's skeleton: compared in any case, without '_' and '-', and
 * with the look-alikes of the name alphabet folded (0 and o; 1, I, i and l; rn and m; vv and w; cl and d,
 * after Unicode's confusables.txt), so {@code ADMIN}, {@code Adm1n}, {@code ad_min} and {@code adrnin} are
 * all refused. Names are ASCII ({@link NamePolicy}), so no other script can make a look-alike.
 *
 * <p>Accounts registered before a name was reserved keep it; only new guests and registrations are refused.
 */
public final class ReservedNames {

    public static final List<String> BUILT_IN = List.of("admin", "system", "server");

    private final Set<String> skeletons;

    public ReservedNames(Collection<String> configured) {
        this.skeletons = Stream.concat(BUILT_IN.stream(), configured.stream())
                .map(ReservedNames::skeleton)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean isReserved(String name) {
        return skeletons.contains(skeleton(name));
    }

    /** What {@code name} looks like, with every look-alike of the name alphabet spelt one way. */
    static String skeleton(String name) {
        return name.toLowerCase(Locale.ROOT)
                .replace("_", "").replace("-", "")
                .replace("rn", "m").replace("vv", "w").replace("cl", "d")
                .replace('0', 'o').replace('1', 'l').replace('i', 'l');
    }
}
