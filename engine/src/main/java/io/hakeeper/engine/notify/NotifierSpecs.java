package io.hakeeper.engine.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.hakeeper.api.MapSettings;
import io.hakeeper.api.SourcePosition;
import io.hakeeper.engine.config.model.GlobalDefs;
import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.config.model.NotifyCommands;

/**
 * How keepalived's notify keywords become notifiers:
 * <ul>
 * <li>{@code script}: one per instance or sync group with any notify_* command, given those commands as
 *     argv word lists (split once, by the configuration loader) and the call timeout;</li>
 * <li>{@code fifo}: one for {@code global_defs.vrrp_notify_fifo}, told of every instance and group, as
 *     keepalived writes every transition to its one FIFO;</li>
 * <li>{@code smtp}: one per instance or group with {@code smtp_alert}, from global_defs' smtp_server,
 *     notification_email and notification_email_from, when a server and a recipient are configured
 *     (keepalived sends nothing otherwise either).</li>
 * </ul>
 */
public final class NotifierSpecs {

    public static final String SCRIPT = "script";
    public static final String FIFO = "fifo";
    public static final String SMTP = "smtp";

    private NotifierSpecs() {
    }

    /**
     * @param scriptTimeout    how long one notify command may run before its process tree is killed
     * @param defaultEmailFrom notification_email_from when not configured ({@code hakeeper@HOST})
     */
    public static List<NotifierSpec> from(HakeeperConfig config, String fileName, Duration scriptTimeout,
                                          String defaultEmailFrom) {
        List<NotifierSpec> specs = new ArrayList<>();
        GlobalDefs globals = config.globalDefs();
        config.instances().forEach((name, instance) -> perSubject(specs, NotifySubject.instance(name),
                "vrrp_instance." + name, instance.notifyCommands(), globals, fileName, scriptTimeout, defaultEmailFrom));
        config.syncGroups().forEach((name, group) -> perSubject(specs, NotifySubject.group(name),
                "vrrp_sync_group." + name, group.notifyCommands(), globals, fileName, scriptTimeout, defaultEmailFrom));
        globals.notifyFifo().ifPresent(path -> {
            Set<NotifySubject> everyone = new LinkedHashSet<>();
            config.instances().keySet().forEach(name -> everyone.add(NotifySubject.instance(name)));
            config.syncGroups().keySet().forEach(name -> everyone.add(NotifySubject.group(name)));
            specs.add(new NotifierSpec(FIFO, "global_defs",
                    settings("global_defs", fileName, Map.of("path", path)), everyone));
        });
        return List.copyOf(specs);
    }

    private static void perSubject(List<NotifierSpec> specs, NotifySubject subject, String path,
                                   NotifyCommands commands, GlobalDefs globals, String fileName,
                                   Duration scriptTimeout, String defaultEmailFrom) {
        Map<String, Object> scripts = new LinkedHashMap<>();
        commands.master().ifPresent(argv -> scripts.put("notify_master", argv));
        commands.backup().ifPresent(argv -> scripts.put("notify_backup", argv));
        commands.fault().ifPresent(argv -> scripts.put("notify_fault", argv));
        commands.stop().ifPresent(argv -> scripts.put("notify_stop", argv));
        commands.any().ifPresent(argv -> scripts.put("notify", argv));
        if (!scripts.isEmpty()) {
            scripts.put("timeout", scriptTimeout.toNanos() / 1e9);
            specs.add(new NotifierSpec(SCRIPT, subject.name(), settings(path, fileName, scripts), Set.of(subject)));
        }
        Optional<String> server = globals.smtpServer();
        if (commands.smtpAlert() && server.isPresent() && !globals.notificationEmail().isEmpty()) {
            Map<String, Object> smtp = new LinkedHashMap<>();
            smtp.put("smtp_server", server.get());
            smtp.put("smtp_port", (long) globals.smtpPort());
            smtp.put("smtp_connect_timeout", globals.smtpConnectTimeout().toNanos() / 1e9);
            smtp.put("notification_email", globals.notificationEmail());
            smtp.put("notification_email_from", globals.notificationEmailFrom().orElse(defaultEmailFrom));
            specs.add(new NotifierSpec(SMTP, subject.name(), settings("global_defs", fileName, smtp), Set.of(subject)));
        }
    }

    private static MapSettings settings(String path, String fileName, Map<String, ?> values) {
        return MapSettings.of(path, SourcePosition.unknown(fileName), values);
    }
}
