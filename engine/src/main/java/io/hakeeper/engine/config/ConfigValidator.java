package io.hakeeper.engine.config;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.tomlj.Toml;
import org.tomlj.TomlTable;

import io.hakeeper.api.PluginContext;
import io.hakeeper.engine.config.model.GlobalDefs;
import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.config.model.SyncGroup;
import io.hakeeper.engine.config.model.TrackFile;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.TrackProcess;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.config.model.VrrpScript;
import io.hakeeper.engine.plugin.TypeRegistry;

/**
 * Validates a parsed document section by section, in dependency order (globals, then what instances refer
 * to, then instances, then the groups of instances) whatever the order of the file, collecting every
 * problem on the way.
 */
final class ConfigValidator {

    private final TomlSettings document;
    private final Path configDirectory;
    private final ProblemLog log = new ProblemLog();
    private final PluginTypes plugins;
    private final Predicate<String> interfaceExists;
    private final Function<String, Optional<String>> programProblem;

    ConfigValidator(TomlSettings document, Path configDirectory, TypeRegistry registry,
                    Predicate<String> interfaceExists, Function<String, Optional<String>> programProblem) {
        this.document = document;
        this.configDirectory = configDirectory;
        this.plugins = new PluginTypes(registry, log);
        this.interfaceExists = interfaceExists;
        this.programProblem = programProblem;
    }

    ValidationReport validate() {
        checkSections();
        SectionReader globalsIn = new SectionReader(single("global_defs"), log);
        GlobalDefs globals = GlobalDefsReader.read(globalsIn, plugins);
        String routerId = globals.routerId().orElseGet(HostName::get);

        Map<String, VrrpScript> scripts = new LinkedHashMap<>();
        named("vrrp_script").forEach((name, in) ->
                scripts.put(name, ScriptReader.read(name, in, globals, plugins, context(name, routerId))));
        Map<String, TrackFile> files = new LinkedHashMap<>();
        named("vrrp_track_file").forEach((name, in) -> files.put(name, TrackerReader.file(name, in)));
        Map<String, TrackProcess> processes = new LinkedHashMap<>();
        named("vrrp_track_process").forEach((name, in) -> processes.put(name, TrackerReader.process(name, in)));

        Map<TrackKind, Map<String, Integer>> weights = new EnumMap<>(TrackKind.class);
        weights.put(TrackKind.SCRIPT, weightsOf(scripts, VrrpScript::weight));
        weights.put(TrackKind.FILE, weightsOf(files, TrackFile::weight));
        weights.put(TrackKind.PROCESS, weightsOf(processes, TrackProcess::weight));
        Definitions definitions = new Definitions(weights, interfaceExists, programProblem, log);

        Map<String, VrrpInstance> instances = new LinkedHashMap<>();
        VridCheck vrids = new VridCheck();
        named("vrrp_instance").forEach((name, in) -> {
            VrrpInstance instance = InstanceReader.read(name, in, globals, definitions, plugins,
                    context(name, routerId));
            instances.put(name, instance);
            String vridKey = InstanceSchema.VIRTUAL_ROUTER_ID.name();
            if (in.settings().has(vridKey)) {
                vrids.add(instance, in.settings().pathOf(vridKey), in.settings().position(vridKey), log);
            }
        });

        Map<String, SyncGroup> groups = new LinkedHashMap<>();
        Map<String, String> memberships = new HashMap<>();
        named("vrrp_sync_group").forEach((name, in) -> groups.put(name,
                SyncGroupReader.read(name, in, instances.keySet(), memberships, definitions)));

        Optional<HakeeperConfig> config = log.hasErrors() ? Optional.empty()
                : Optional.of(new HakeeperConfig(globals, scripts, files, processes, instances, groups));
        return new ValidationReport(log.sorted(), config);
    }

    private PluginContext context(String name, String routerId) {
        return new PluginContext(name, routerId, configDirectory);
    }

    /** Unknown top-level sections, and sections whose shape is not a table (of tables). */
    private void checkSections() {
        List<String> known = ConfigSchema.sections().stream().map(SectionSpec::name).toList();
        for (String key : document.keys()) {
            if (!known.contains(key)) {
                log.error(document.position(key), key, "unknown section [" + key + "]"
                        + Suggestions.didYouMean(key, known));
            }
        }
    }

    /** A section written once ([global_defs]); an empty table when absent. */
    private TomlSettings single(String section) {
        return log.attempt(() -> document.optionalTable(section).orElse(null))
                .orElseGet(() -> new TomlSettings(Toml.parse(""), section, document.position(), fileName()));
    }

    /** The tables of a named section ([vrrp_instance.NAME]), by name in file order. */
    private Map<String, SectionReader> named(String section) {
        Map<String, SectionReader> tables = new LinkedHashMap<>();
        Optional<TomlSettings> parent = log.attempt(() -> document.optionalTable(section).orElse(null));
        if (parent.isEmpty()) {
            return tables;
        }
        for (String name : parent.get().keys()) {
            Object value = parent.get().raw(name).orElseThrow();
            if (value instanceof TomlTable) {
                tables.put(name, new SectionReader(parent.get().optionalTable(name).orElseThrow(), log));
            } else {
                log.error(parent.get().position(name), parent.get().pathOf(name), "expected a table [" + section
                        + ".NAME] with its keys, got " + TomlSettings.describe(value));
            }
        }
        return tables;
    }

    private String fileName() {
        return document.position().file();
    }

    private static <T> Map<String, Integer> weightsOf(Map<String, T> tables,
                                                       java.util.function.ToIntFunction<T> weight) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        tables.forEach((name, table) -> weights.put(name, weight.applyAsInt(table)));
        return weights;
    }
}
