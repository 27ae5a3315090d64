package io.hakeeper.engine.config.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code [global_defs]}: keepalived's VRRP-side globals and hakeeper's own settings.
 *
 * @param routerId      the name of this router; empty means the host name
 * @param garp          the GARP/NA timings every instance starts from
 * @param vrrpVersion   default VRRP version of IPv4 instances
 * @param smtpServer    the SMTP server host, with {@code smtpPort}
 * @param scriptUser    user (and optional group) scripts run as
 * @param pluginDir     where plugin jars are loaded from; empty means the distribution's plugins/
 * @param controlGroup  group owning the control socket; empty means root only
 * @param adminGroup    group allowed to change state; empty means root only
 * @param processPriorities the scheduling, memory locking and CPU affinity asked of the daemon's threads
 */
public record GlobalDefs(Optional<String> routerId, GarpTiming garp, Duration garpInterval, Duration gnaInterval,
                         boolean vrrpStrict, boolean skipCheckAdvAddr, Duration startupDelay, int vrrpVersion,
                         Optional<String> notifyFifo, List<String> notificationEmail,
                         Optional<String> notificationEmailFrom, Optional<String> smtpServer, int smtpPort,
                         Duration smtpConnectTimeout, Optional<RunAs> scriptUser, boolean enableScriptSecurity,
                         boolean v3ChecksumAsV2, Optional<String> pluginDir, String controlSocket,
                         Optional<String> controlGroup, Optional<String> adminGroup, String vipBackend,
                         String announcer, ProcessPriorities processPriorities) {

    public GlobalDefs {
        notificationEmail = List.copyOf(notificationEmail);
    }

    /**
     * These settings without the process priorities: what a reload must compare to decide whether the
     * daemon restarts (the priorities are applied in place).
     */
    public GlobalDefs withoutProcessPriorities() {
        return new GlobalDefs(routerId, garp, garpInterval, gnaInterval, vrrpStrict, skipCheckAdvAddr, startupDelay,
                vrrpVersion, notifyFifo, notificationEmail, notificationEmailFrom, smtpServer, smtpPort,
                smtpConnectTimeout, scriptUser, enableScriptSecurity, v3ChecksumAsV2, pluginDir, controlSocket,
                controlGroup, adminGroup, vipBackend, announcer, ProcessPriorities.NONE);
    }
}
