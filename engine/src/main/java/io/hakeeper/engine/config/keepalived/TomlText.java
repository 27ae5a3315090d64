package io.hakeeper.engine.config.keepalived;

import java.util.ArrayList;
import java.util.List;

import io.hakeeper.api.SourcePosition;

/** TOML text written line by line, each line remembering the keepalived position it came from. */
public final class TomlText {

    private final StringBuilder text = new StringBuilder();
    private final List<SourcePosition> origins = new ArrayList<>();

    void line(String line, SourcePosition origin) {
        text.append(line).append('\n');
        origins.add(origin);
    }

    String text() {
        return text.toString();
    }

    /** The keepalived position of a 1-based TOML line, or null for lines of the importer's own. */
    public SourcePosition origin(int line) {
        return line >= 1 && line <= origins.size() ? origins.get(line - 1) : null;
    }
}
