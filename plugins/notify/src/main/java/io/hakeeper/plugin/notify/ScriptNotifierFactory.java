package io.hakeeper.plugin.notify;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pf4j.Extension;

import io.hakeeper.api.Notifier;
import io.hakeeper.api.NotifierFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;
import io.hakeeper.api.VrrpState;

/**
 * The {@code script} notifier: keepalived's notify_master, notify_backup, notify_fault, notify_stop and
 * notify of one instance or sync group.
 *
 * <p>Each command arrives as its argv words (a list of strings), already split by the engine's one
 * command splitter, so that this plugin never re-splits what the operator wrote. {@code timeout} bounds
 * each run of each command.
 */
@Extension
public final class ScriptNotifierFactory implements NotifierFactory {

    static final String NOTIFY = "notify";
    static final String TIMEOUT = "timeout";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Map<VrrpState, String> ON_ENTERING = Map.of(
            VrrpState.MASTER, "notify_master",
            VrrpState.BACKUP, "notify_backup",
            VrrpState.FAULT, "notify_fault",
            VrrpState.STOP, "notify_stop");

    @Override
    public String type() {
        return "script";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("notify_master", "notify_backup", "notify_fault", "notify_stop", NOTIFY, TIMEOUT);
    }

    @Override
    public Notifier create(Settings settings, PluginContext context) {
        Map<VrrpState, List<String>> onEntering = new EnumMap<>(VrrpState.class);
        ON_ENTERING.forEach((state, key) -> {
            List<String> argv = argv(settings, key);
            if (!argv.isEmpty()) {
                onEntering.put(state, argv);
            }
        });
        List<String> onEvery = argv(settings, NOTIFY);
        Duration timeout = settings.seconds(TIMEOUT, DEFAULT_TIMEOUT, Duration.ofMillis(1), Duration.ofHours(1));
        return new ScriptNotifier(context.name(), onEntering, onEvery, new ScriptRunner(timeout));
    }

    private static List<String> argv(Settings settings, String key) {
        List<String> words = settings.strings(key);
        if (settings.has(key) && (words.isEmpty() || words.get(0).isEmpty())) {
            throw settings.invalid(key, "expected a command, got an empty one");
        }
        return words;
    }
}
