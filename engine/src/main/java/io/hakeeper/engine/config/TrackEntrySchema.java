package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.KeySpec.flag;
import static io.hakeeper.engine.config.KeySpec.integer;
import static io.hakeeper.engine.config.KeySpec.of;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.hakeeper.engine.config.model.TrackKind;

/** The keys of one track_* entry written as an inline table in a vrrp_instance: { name, weight, reverse }. */
final class TrackEntrySchema {

    static final String NAME = "name";
    static final String WEIGHT = "weight";
    static final String REVERSE = "reverse";

    /** Built once: every instance's every track_* key reads one, 1,000 instances several thousand times. */
    private static final Map<TrackKind, SectionSpec> BY_KIND = new EnumMap<>(TrackKind.class);

    static {
        for (TrackKind kind : TrackKind.values()) {
            BY_KIND.put(kind, build(kind));
        }
    }

    private TrackEntrySchema() {
    }

    static SectionSpec of(TrackKind kind) {
        return BY_KIND.get(kind);
    }

    private static SectionSpec build(TrackKind kind) {
        boolean isInterface = kind == TrackKind.INTERFACE;
        String what = isInterface ? "interface whose link state is tracked" : "name of a " + kind.definedIn().get();
        String weightMeaning = isInterface
                ? "priority change while up (> 0) or down (< 0); 0: down means FAULT"
                : "overrides the weight of the " + kind.definedIn().get();
        String reverseMeaning = kind == TrackKind.FILE
                ? "turn the sign of value × weight (not in keepalived); 0: zero means FAULT"
                : "reverse the direction of the priority adjustment: weight > 0 subtracted while up, < 0 added"
                        + " while down; 0: up means FAULT";
        return new SectionSpec("vrrp_instance." + kind.key(), false, List.of(
                KeySpec.of(NAME, ValueType.STRING).mandatory().mirrors(kind.key()).means(what),
                integer(WEIGHT, -kind.maxWeight(), kind.maxWeight()).byDefault(isInterface ? 0L : null)
                        .mirrors(kind.key() + " ... weight").means(weightMeaning),
                flag(REVERSE).mirrors(kind.key() + " ... reverse").means(reverseMeaning)));
    }
}
