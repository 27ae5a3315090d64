package io.hakeeper.engine.plugin;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import io.hakeeper.api.TypeFactory;

/**
 * Every type the loaded plugins provide, one table per extension point. Built once at start by the plugin
 * host (or directly by tests), read-only afterwards.
 */
public final class TypeRegistry {

    private final Map<ExtensionKind, SortedMap<String, RegisteredType<?>>> byKind;

    private TypeRegistry(Map<ExtensionKind, SortedMap<String, RegisteredType<?>>> byKind) {
        this.byKind = byKind;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The registered type of that name, if a loaded plugin provides it. */
    @SuppressWarnings("unchecked")
    public <F extends TypeFactory> Optional<RegisteredType<F>> find(Class<F> point, String type) {
        return Optional.ofNullable((RegisteredType<F>) byKind.get(ExtensionKind.of(point)).get(type));
    }

    /** The names of the types available for an extension point, sorted, for "available: ..." messages. */
    public SortedSet<String> types(Class<? extends TypeFactory> point) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byKind.get(ExtensionKind.of(point)).keySet()));
    }

    /** Every registered type of an extension point, by name. */
    public SortedMap<String, RegisteredType<?>> registered(ExtensionKind kind) {
        return Collections.unmodifiableSortedMap(byKind.get(kind));
    }

    /** Collects registrations; the first plugin to register a type keeps it. */
    public static final class Builder {
        private final Map<ExtensionKind, SortedMap<String, RegisteredType<?>>> byKind =
                new EnumMap<>(ExtensionKind.class);

        private Builder() {
            for (ExtensionKind kind : ExtensionKind.values()) {
                byKind.put(kind, new TreeMap<>());
            }
        }

        /**
         * Registers a factory. Returns the registration that already holds the type name, if any, in which
         * case nothing is registered: the caller reports the clash naming both plugins.
         */
        public <F extends TypeFactory> Optional<RegisteredType<?>> register(Class<F> point, String pluginId,
                                                                           F factory, ClassLoader loader) {
            String type = PluginCalls.withContextLoader(loader, factory::type);
            SortedMap<String, RegisteredType<?>> table = byKind.get(ExtensionKind.of(point));
            RegisteredType<?> existing = table.get(type);
            if (existing != null) {
                return Optional.of(existing);
            }
            table.put(type, new RegisteredType<>(type, pluginId, factory, loader));
            return Optional.empty();
        }

        public TypeRegistry build() {
            Map<ExtensionKind, SortedMap<String, RegisteredType<?>>> copy = new EnumMap<>(ExtensionKind.class);
            byKind.forEach((kind, table) -> copy.put(kind, new TreeMap<>(table)));
            return new TypeRegistry(copy);
        }
    }
}
