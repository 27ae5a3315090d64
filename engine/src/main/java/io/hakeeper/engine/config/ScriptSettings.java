package io.hakeeper.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.hakeeper.api.Settings;
import io.hakeeper.api.SettingsException;
import io.hakeeper.api.SourcePosition;
import io.hakeeper.engine.config.model.GlobalDefs;
import io.hakeeper.engine.config.model.RunAs;

/**
 * A {@code [vrrp_script.NAME]} table as its check factory sees it: the table itself, plus the two globals
 * keepalived applies to every script, because a factory is handed one table and never reads the rest of the
 * file. {@code user} falls back to {@code global_defs.script_user}, and the flag
 * {@value #ENABLE_SCRIPT_SECURITY} answers with {@code global_defs.enable_script_security}; it is not a key
 * an operator may write in the table (the key check refuses it there), so {@link #keys()} never lists it.
 */
final class ScriptSettings implements Settings {

    static final String USER = "user";
    static final String ENABLE_SCRIPT_SECURITY = "enable_script_security";

    private final Settings table;
    private final Optional<RunAs> scriptUser;
    private final boolean scriptSecurity;

    ScriptSettings(Settings table, GlobalDefs globals) {
        this.table = table;
        this.scriptUser = globals.scriptUser();
        this.scriptSecurity = globals.enableScriptSecurity();
    }

    /** Equal for the same table run the same way: a reload restarts a check only when this changes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ScriptSettings that && table.equals(that.table) && scriptUser.equals(that.scriptUser)
                && scriptSecurity == that.scriptSecurity;
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, scriptUser, scriptSecurity);
    }

    @Override
    public String path() {
        return table.path();
    }

    @Override
    public SourcePosition position() {
        return table.position();
    }

    @Override
    public Set<String> keys() {
        return table.keys();
    }

    @Override
    public boolean has(String key) {
        return table.has(key) || (USER.equals(key) && scriptUser.isPresent());
    }

    @Override
    public SourcePosition position(String key) {
        return table.position(key);
    }

    @Override
    public String string(String key) {
        return has(key) ? optionalString(key).orElseThrow() : table.string(key);
    }

    @Override
    public Optional<String> optionalString(String key) {
        if (USER.equals(key) && !table.has(USER)) {
            return scriptUser.map(user -> user.user() + user.group().map(group -> " " + group).orElse(""));
        }
        return table.optionalString(key);
    }

    @Override
    public long integer(String key, long min, long max) {
        return table.integer(key, min, max);
    }

    @Override
    public long integer(String key, long defaultValue, long min, long max) {
        return table.integer(key, defaultValue, min, max);
    }

    @Override
    public double number(String key, double min, double max) {
        return table.number(key, min, max);
    }

    @Override
    public double number(String key, double defaultValue, double min, double max) {
        return table.number(key, defaultValue, min, max);
    }

    @Override
    public boolean flag(String key, boolean defaultValue) {
        return ENABLE_SCRIPT_SECURITY.equals(key) ? scriptSecurity : table.flag(key, defaultValue);
    }

    @Override
    public Duration seconds(String key, Duration defaultValue, Duration min, Duration max) {
        return table.seconds(key, defaultValue, min, max);
    }

    @Override
    public List<String> strings(String key) {
        return table.strings(key);
    }

    @Override
    public Optional<Settings> table(String key) {
        return table.table(key);
    }

    @Override
    public SettingsException invalid(String key, String expected) {
        return table.invalid(key, expected);
    }
}
