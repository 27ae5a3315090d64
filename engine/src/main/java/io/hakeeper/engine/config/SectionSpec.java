package io.hakeeper.engine.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The accepted keys of one kind of table, indexed by name once: every table of that kind is checked against
 * them (1,000 instances, 1,000 checks of some hundred keys).
 */
public final class SectionSpec {

    private final String name;
    private final boolean named;
    private final List<KeySpec> keys;
    private final Map<String, KeySpec> byName;

    /**
     * @param name  the section as the docs write it: {@code vrrp_instance}, or
     *              {@code vrrp_instance.authentication} for a nested table
     * @param named whether the file holds any number of these under a name ({@code [vrrp_instance.VI_1]})
     */
    public SectionSpec(String name, boolean named, List<KeySpec> keys) {
        this.name = name;
        this.named = named;
        this.keys = List.copyOf(keys);
        Map<String, KeySpec> index = new LinkedHashMap<>();
        this.keys.forEach(k -> index.putIfAbsent(k.name(), k));
        this.byName = Collections.unmodifiableMap(index);
    }

    public String name() {
        return name;
    }

    public boolean named() {
        return named;
    }

    public List<KeySpec> keys() {
        return keys;
    }

    public Optional<KeySpec> key(String key) {
        return Optional.ofNullable(byName.get(key));
    }

    /** The key names, in schema order. */
    public Set<String> keyNames() {
        return byName.keySet();
    }

    @Override
    public String toString() {
        return "SectionSpec[" + name + ", " + keys.size() + " keys]";
    }
}
