package io.hakeeper.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.tomlj.TomlTable;

import io.hakeeper.engine.config.TomlSettings.Element;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.Tracked;

/**
 * Reads an instance's track_* arrays, whose entries are a name or an inline table
 * {@code { name, weight, reverse }}, and resolves each weight: the entry's own, else the tracked table's,
 * else 0.
 */
final class TrackedReader {

    private TrackedReader() {
    }

    static List<Tracked> read(TrackKind kind, SectionReader in, KeySpec key, Definitions definitions) {
        SectionSpec entrySpec = TrackEntrySchema.of(kind);
        KeySpec nameKey = entrySpec.key(TrackEntrySchema.NAME).orElseThrow();
        KeySpec weightKey = entrySpec.key(TrackEntrySchema.WEIGHT).orElseThrow();
        KeySpec reverseKey = entrySpec.key(TrackEntrySchema.REVERSE).orElseThrow();
        List<Tracked> tracked = new ArrayList<>();
        for (Element element : in.elements(key)) {
            if (element.value() instanceof String name) {
                OptionalInt defined = definitions.refer(kind, name, element.path(), element.position());
                tracked.add(new Tracked(name, defined.orElse(0), false));
            } else if (element.value() instanceof TomlTable) {
                SectionReader entry = new SectionReader(in.settings().elementTable(element), in.log());
                KeyCheck.check(entry.settings(), entrySpec, in.log());
                String name = entry.string(nameKey).orElse("");
                OptionalInt defined = name.isEmpty() ? OptionalInt.empty()
                        : definitions.refer(kind, name, entry.settings().pathOf(nameKey.name()),
                                entry.settings().position(nameKey.name()));
                int weight = entry.optionalInteger(weightKey).map(Long::intValue).orElse(defined.orElse(0));
                tracked.add(new Tracked(name, weight, entry.flag(reverseKey)));
            } else {
                in.log().error(element.position(), element.path(), "expected a name or { name = \"...\", weight = N,"
                        + " reverse = true }, got " + TomlSettings.describe(element.value()));
            }
        }
        return tracked;
    }
}
