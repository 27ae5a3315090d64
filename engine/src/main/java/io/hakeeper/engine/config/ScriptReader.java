package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.TrackerSchemas.*;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;
import io.hakeeper.engine.config.model.GlobalDefs;
import io.hakeeper.engine.config.model.VrrpScript;
import io.hakeeper.engine.plugin.RegisteredType;

/**
 * Reads {@code [vrrp_script.NAME]}: the engine's common keys, then the check type's own keys, validated by
 * the type's factory. {@code script = "..."} is the check type "script"; {@code type = "..."} any other.
 * The factory is handed the table with global_defs' script_user and enable_script_security (ScriptSettings).
 */
final class ScriptReader {

    /** The type a table with {@code script = "..."} has. */
    static final String SCRIPT_TYPE = "script";

    private ScriptReader() {
    }

    static VrrpScript read(String name, SectionReader in, GlobalDefs globals, PluginTypes plugins,
                           PluginContext context) {
        TomlSettings table = in.settings();
        Settings handed = new ScriptSettings(table, globals);
        boolean hasScript = in.has(SCRIPT);
        boolean hasType = in.has(TYPE);
        if (hasScript && hasType) {
            in.error(TYPE, "expected either script or type, not both (script = \"...\" is type \"script\")");
        } else if (!hasScript && !hasType) {
            in.log().error(table.position(), table.path(),
                    "expected script = \"COMMAND\" or type = \"TYPE\", got neither");
        }
        in.command(SCRIPT);
        String type = hasType ? in.string(TYPE).orElse("") : SCRIPT_TYPE;
        Duration interval = in.seconds(INTERVAL);
        Duration timeout = in.optionalSeconds(TIMEOUT).orElse(interval);
        VrrpScript script = new VrrpScript(name, type, handed, interval, timeout, in.integer(SCRIPT_WEIGHT),
                in.integer(RISE), in.integer(FALL), GlobalDefsReader.runAs(in, USER), in.flag(INIT_FAIL));

        Optional<RegisteredType<CheckFactory>> check = hasScript || hasType
                ? plugins.find(CheckFactory.class, type, table.pathOf(hasType ? TYPE.name() : SCRIPT.name()),
                        table.position(hasType ? TYPE.name() : SCRIPT.name()))
                : Optional.empty();
        if (check.isPresent()) {
            Set<String> pluginKeys = check.get().call(CheckFactory::settingKeys);
            KeyCheck.check(table, SCRIPT_SECTION, pluginKeys, in.log());
            plugins.validate(check.get(), f -> f.create(handed, timeout, context), table.path(), table.position());
        } else if (!hasType) {
            // Without a plugin type the only keys that can be right are the engine's own.
            KeyCheck.check(table, SCRIPT_SECTION, in.log());
        }
        return script;
    }
}
