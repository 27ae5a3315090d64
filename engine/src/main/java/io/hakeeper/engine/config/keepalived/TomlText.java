package io.hakeeper.engine.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.hakeeper.api.SourcePosition;

/**
 * TOML text written line by line, each line remembering the position it came from (the keepalived line of an
 * import), with the quoting every writer of TOML needs.
 */
public final class TomlText {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final StringBuilder text = new StringBuilder();
    private final List<SourcePosition> origins = new ArrayList<>();

    /** Appends a line; {@code origin} may be null for lines of the writer's own. */
    public void line(String line, SourcePosition origin) {
        text.append(line).append('\n');
        origins.add(origin);
    }

    public String text() {
        return text.toString();
    }

    /** The keepalived position of a 1-based TOML line, or null for lines of the importer's own. */
    public SourcePosition origin(int line) {
        return line >= 1 && line <= origins.size() ? origins.get(line - 1) : null;
    }

    /** A TOML key: bare when it can be, else a quoted string. */
    public static String key(String name) {
        return BARE_KEY.matcher(name).matches() ? name : quote(name);
    }

    /** A TOML basic string. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
