package io.hakeeper.engine.config;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses keys the schema does not know, at every level, with a "did you mean" when one is close, and keys
 * keepalived knows but hakeeper does not build yet. A key silently ignored would be a setting the operator
 * believes in and the daemon does not honour.
 */
final class KeyCheck {

    private KeyCheck() {
    }

    /** Checks a table against its section's keys. */
    static void check(TomlSettings table, SectionSpec section, ProblemLog log) {
        check(table, section, Set.of(), log);
    }

    /**
     * Checks a table against its section's keys plus those a plugin type declares
     * ({@link io.hakeeper.api.TypeFactory#settingKeys()}).
     */
    static void check(TomlSettings table, SectionSpec section, Set<String> pluginKeys, ProblemLog log) {
        for (String key : table.keys()) {
            Optional<KeySpec> spec = section.key(key);
            if (spec.isEmpty() && !pluginKeys.contains(key)) {
                Set<String> known = new LinkedHashSet<>(section.keyNames());
                known.addAll(pluginKeys);
                log.error(table.position(key), table.pathOf(key),
                        "unknown key \"" + key + "\"" + Suggestions.didYouMean(key, known));
            } else if (spec.filter(k -> !k.supported()).isPresent()) {
                log.error(table.position(key), table.pathOf(key),
                        "\"" + key + "\" is a keepalived key that hakeeper does not support yet");
            }
        }
    }
}
