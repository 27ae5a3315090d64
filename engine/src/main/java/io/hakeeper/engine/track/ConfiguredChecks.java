package io.hakeeper.engine.track;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;
import io.hakeeper.api.SettingsException;
import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.config.model.SyncGroup;
import io.hakeeper.engine.config.model.TrackFile;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.TrackProcess;
import io.hakeeper.engine.config.model.Tracked;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.config.model.VrrpScript;
import io.hakeeper.engine.plugin.RegisteredType;
import io.hakeeper.engine.plugin.TypeRegistry;

/**
 * Makes the checks a configuration asks for, each through its type's factory: a {@code [vrrp_script]} by
 * its type, a {@code [vrrp_track_file]} by the type {@value #FILE_TYPE} and a {@code [vrrp_track_process]}
 * by the type {@value #PROCESS_TYPE}, so that there is one way a check comes to be. As keepalived, only
 * checks that some instance or sync group tracks are made and run.
 *
 * <p>keepalived watches track files and processes through kernel notifications; here they are checked
 * every {@link #TRACKER_INTERVAL}, with a run allowed as long, one result enough to move them, and a
 * process's {@code delay} as the time a change must last.
 *
 * @param checks   the checks made, in configuration order
 * @param problems what could not be made (a type no loaded plugin provides, a setting that is no longer
 *                 right); the daemon reports them and does not start
 */
public record ConfiguredChecks(List<RunnableCheck> checks, List<String> problems) {

    static final String FILE_TYPE = "file";
    static final String PROCESS_TYPE = "process";
    static final Duration TRACKER_INTERVAL = Duration.ofSeconds(1);

    public ConfiguredChecks {
        checks = List.copyOf(checks);
        problems = List.copyOf(problems);
    }

    /**
     * @param routerId        {@code global_defs.router_id}, or the host name
     * @param configDirectory where relative paths in check settings are taken from
     */
    public static ConfiguredChecks create(HakeeperConfig config, TypeRegistry registry, String routerId,
                                          Path configDirectory) {
        Map<TrackKind, Set<String>> tracked = trackedNames(config);
        List<RunnableCheck> checks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Maker maker = new Maker(registry, routerId, configDirectory, checks, problems);
        for (VrrpScript script : config.scripts().values()) {
            if (tracked.get(TrackKind.SCRIPT).contains(script.name())) {
                maker.make(TrackKind.SCRIPT, script.name(), script.type(), script.settings(), new CheckSchedule(
                        script.interval(), script.timeout(), script.rise(), script.fall(), script.initFail(),
                        Duration.ZERO));
            }
        }
        for (TrackFile file : config.trackFiles().values()) {
            if (tracked.get(TrackKind.FILE).contains(file.name())) {
                maker.make(TrackKind.FILE, file.name(), FILE_TYPE, file.settings(), trackerSchedule(Duration.ZERO));
            }
        }
        for (TrackProcess process : config.trackProcesses().values()) {
            if (tracked.get(TrackKind.PROCESS).contains(process.name())) {
                maker.make(TrackKind.PROCESS, process.name(), PROCESS_TYPE, process.settings(),
                        trackerSchedule(process.delay()));
            }
        }
        return new ConfiguredChecks(checks, problems);
    }

    private static CheckSchedule trackerSchedule(Duration settle) {
        return new CheckSchedule(TRACKER_INTERVAL, TRACKER_INTERVAL, 1, 1, false, settle);
    }

    private static Map<TrackKind, Set<String>> trackedNames(HakeeperConfig config) {
        Map<TrackKind, Set<String>> names = new EnumMap<>(TrackKind.class);
        for (TrackKind kind : TrackKind.values()) {
            Set<String> set = new LinkedHashSet<>();
            for (VrrpInstance instance : config.instances().values()) {
                instance.tracked(kind).stream().map(Tracked::name).forEach(set::add);
            }
            for (SyncGroup group : config.syncGroups().values()) {
                set.addAll(group.tracked().getOrDefault(kind, List.of()));
            }
            names.put(kind, set);
        }
        return names;
    }

    /** Makes one check through its factory, with the plugin's class loader current; records what fails. */
    private record Maker(TypeRegistry registry, String routerId, Path configDirectory, List<RunnableCheck> checks,
                         List<String> problems) {

        void make(TrackKind kind, String name, String type, Settings settings, CheckSchedule schedule) {
            String where = kind.definedIn().orElseThrow() + "." + name;
            Optional<RegisteredType<CheckFactory>> factory = registry.find(CheckFactory.class, type);
            if (factory.isEmpty()) {
                problems.add(where + ": no check type " + type + " is provided by a loaded plugin; available: "
                        + registry.types(CheckFactory.class));
                return;
            }
            PluginContext context = new PluginContext(name, routerId, configDirectory);
            try {
                Check check = factory.get().call(f -> f.create(settings, schedule.timeout(), context));
                checks.add(new RunnableCheck(kind, name, schedule, factory.get().pluginId(),
                        factory.get().classLoader(), check));
            } catch (SettingsException e) {
                problems.add(e.getMessage());
            } catch (RuntimeException e) {
                problems.add(where + ": plugin " + factory.get().pluginId() + " failed to create check type " + type
                        + ": " + e);
            }
        }
    }
}
