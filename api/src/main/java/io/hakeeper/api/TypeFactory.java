package io.hakeeper.api;

import java.util.Set;

/**
 * What every factory has in common: the type name it contributes, the settings keys it accepts, and
 * which of them are secrets.
 *
 * <p>The engine refuses a configuration that uses a key the type does not list (with a "did you mean"),
 * and masks secret keys wherever it shows configuration.
 *
 * <p>A factory's {@code create} method validates its settings and builds the object, nothing more: no
 * connections, threads, files or processes until the object is first used. The engine calls it to
 * validate a configuration ({@code hakeeperd --check}) and then closes what it made.
 */
public interface TypeFactory {

    /**
     * The type name the configuration refers to, for example {@code "http"} in
     * {@code type = "http"}. Unique per extension point across all loaded plugins.
     */
    String type();

    /**
     * The keys of the section this type owns, beyond the engine's own. Default: none.
     */
    default Set<String> settingKeys() {
        return Set.of();
    }

    /** Keys whose values must never be shown (passwords, tokens). A subset of {@link #settingKeys()}. */
    default Set<String> secretKeys() {
        return Set.of();
    }
}
