package io.tavern.cli;

import java.util.Locale;
import org.jline.utils.AttributedStyle;

/**
 * A stable colour per user name: the same name gets the same colour in every session and on every
 * machine (String.hashCode is specified), so people are recognised at a glance. Red is kept for
 * errors.
 */
final class UserColors {

    private static final int[] PALETTE = {
        AttributedStyle.GREEN, AttributedStyle.BLUE, AttributedStyle.CYAN, AttributedStyle.YELLOW,
        AttributedStyle.MAGENTA,
        AttributedStyle.BRIGHT + AttributedStyle.GREEN, AttributedStyle.BRIGHT + AttributedStyle.BLUE,
        AttributedStyle.BRIGHT + AttributedStyle.CYAN, AttributedStyle.BRIGHT + AttributedStyle.YELLOW,
        AttributedStyle.BRIGHT + AttributedStyle.MAGENTA,
    };

    private UserColors() {
    }

    static AttributedStyle of(String user) {
        int index = Math.floorMod(user.toLowerCase(Locale.ROOT).hashCode(), PALETTE.length);
        return AttributedStyle.BOLD.foreground(PALETTE[index]);
    }
}
