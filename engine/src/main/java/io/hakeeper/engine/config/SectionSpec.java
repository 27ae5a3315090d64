package io.hakeeper.engine.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The accepted keys of one kind of table.
 *
 * @param name  the section as the docs write it: {@code vrrp_instance}, or
 *              {@code vrrp_instance.authentication} for a nested table
 * @param named whether the file holds any number of these under a name ({@code [vrrp_instance.VI_1]})
 */
public record SectionSpec(String name, boolean named, List<KeySpec> keys) {

    public SectionSpec {
        keys = List.copyOf(keys);
    }

    public Optional<KeySpec> key(String key) {
        return keys.stream().filter(k -> k.name().equals(key)).findFirst();
    }

    /** The key names, in schema order. */
    public Set<String> keyNames() {
        Map<String, KeySpec> byName = new LinkedHashMap<>();
        keys.forEach(k -> byName.put(k.name(), k));
        return byName.keySet();
    }
}
