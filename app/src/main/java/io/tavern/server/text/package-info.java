/**
 * Text from one player to others, made safe to show before any rule looks at it: control and invisible
 * characters removed and NFC ({@link io.tavern.server.text.TextSanitizer}), and names that mix confusable
 * scripts found ({@link io.tavern.server.text.MixedScripts}).
 */
package io.tavern.server.text;
