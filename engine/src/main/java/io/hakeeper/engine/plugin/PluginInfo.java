package io.hakeeper.engine.plugin;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One plugin that was loaded from a jar, as {@code ha-admin plugins} will list it.
 *
 * @param id      its Plugin-Id
 * @param version its Plugin-Version
 * @param status  started, incompatible or failed
 * @param jar     the jar it came from
 * @param types   the types it got registered, per extension point (only the points it provides)
 */
public record PluginInfo(String id, String version, PluginStatus status, Path jar,
                         Map<ExtensionKind, SortedSet<String>> types) {

    public PluginInfo {
        Map<ExtensionKind, SortedSet<String>> copy = new EnumMap<>(ExtensionKind.class);
        types.forEach((kind, names) -> copy.put(kind, Collections.unmodifiableSortedSet(new TreeSet<>(names))));
        types = Collections.unmodifiableMap(copy);
    }
}
