package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.KeySpec.of;

import java.util.ArrayList;
import java.util.List;

import io.hakeeper.engine.config.model.TrackKind;

/**
 * The keys of {@code [vrrp_sync_group.NAME]}. A group's tracked objects take names only: any of them
 * failing puts the whole group in FAULT, so a weight would mean nothing.
 */
final class SyncGroupSchema {

    static final KeySpec GROUP = of("group", ValueType.STRINGS).mandatory()
            .means("the vrrp_instance names that change state together");

    static final SectionSpec SECTION = new SectionSpec("vrrp_sync_group", true, keys());

    private static List<KeySpec> keys() {
        List<KeySpec> keys = new ArrayList<>(List.of(GROUP));
        for (TrackKind kind : TrackKind.values()) {
            keys.add(of(kind.key(), ValueType.STRINGS).means("names whose failure puts the whole group in FAULT"));
        }
        keys.addAll(NotifySchema.KEYS);
        return keys;
    }

    private SyncGroupSchema() {
    }
}
