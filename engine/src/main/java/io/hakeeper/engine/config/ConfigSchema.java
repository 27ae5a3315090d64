package io.hakeeper.engine.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.hakeeper.engine.config.model.TrackKind;

/**
 * Every section and key hakeeper.toml accepts: the single source of truth the loader checks keys against
 * and that docs/configuration.md documents (a test holds the two equal).
 */
public final class ConfigSchema {

    private static final List<SectionSpec> TOP_LEVEL = List.of(GlobalDefsSchema.SECTION,
            TrackerSchemas.SCRIPT_SECTION, TrackerSchemas.FILE_SECTION, TrackerSchemas.PROCESS_SECTION,
            InstanceSchema.SECTION, SyncGroupSchema.SECTION);

    private ConfigSchema() {
    }

    /** The top-level sections, in the order the docs list them. */
    public static List<SectionSpec> sections() {
        return TOP_LEVEL;
    }

    /** Every section including the nested tables (authentication, track entries), in docs order. */
    public static List<SectionSpec> allSections() {
        List<SectionSpec> all = new ArrayList<>(TOP_LEVEL);
        int instance = all.indexOf(InstanceSchema.SECTION);
        List<SectionSpec> nested = new ArrayList<>();
        nested.add(InstanceSchema.AUTHENTICATION_SECTION);
        for (TrackKind kind : TrackKind.values()) {
            nested.add(TrackEntrySchema.of(kind));
        }
        all.addAll(instance + 1, nested);
        return Collections.unmodifiableList(all);
    }

    /** Every accepted key as {@code section.key}, e.g. {@code vrrp_instance.authentication.auth_pass}. */
    public static Set<String> acceptedKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (SectionSpec section : allSections()) {
            section.keyNames().forEach(key -> keys.add(section.name() + "." + key));
        }
        return Collections.unmodifiableSet(keys);
    }
}
