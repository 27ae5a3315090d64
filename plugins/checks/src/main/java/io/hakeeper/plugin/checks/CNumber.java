package io.hakeeper.plugin.checks;

import java.util.OptionalLong;

/**
 * Reads the number at the start of a text as C's {@code strtol(text, NULL, 0)} does, which is how keepalived
 * reads a track file: leading white space, an optional sign, then {@code 0x} for hexadecimal, a leading
 * {@code 0} for octal, else decimal, up to the first character that is not a digit. No digits at all is 0.
 * Empty when the number does not fit in a long, for the caller to ignore.
 */
final class CNumber {

    private CNumber() {
    }

    static OptionalLong parse(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
            if (i + 2 < text.length() && Character.digit(text.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            }
        } else if (text.startsWith("0", i)) {
            radix = 8;
        }
        int start = i;
        while (i < text.length() && Character.digit(text.charAt(i), radix) >= 0) {
            i++;
        }
        if (i == start) {
            return OptionalLong.of(0);
        }
        try {
            long value = Long.parseLong(text.substring(start, i), radix);
            return OptionalLong.of(negative ? -value : value);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
