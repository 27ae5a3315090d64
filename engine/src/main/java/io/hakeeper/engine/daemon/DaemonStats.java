package io.hakeeper.engine.daemon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.loop.EventLoop;
import io.hakeeper.engine.loop.LatenessTracker;
import io.hakeeper.engine.net.RawVrrpSocket;
import io.hakeeper.engine.notify.NotifierStats;
import io.hakeeper.engine.realtime.MemoryWarmth;
import io.hakeeper.engine.realtime.NonBlockingStderr;
import io.hakeeper.engine.runtime.InstanceRuntime;
import io.hakeeper.engine.track.CheckStatus;
import io.hakeeper.engine.vrrp.VridDemultiplexer;
import io.hakeeper.engine.vrrp.VrrpCounter;
import io.hakeeper.engine.vrrp.VrrpCounters;

/**
 * Every counter a running daemon keeps, as {@code ha-admin stats} shows it: one section per part of the
 * daemon that counts (docs/control-protocol.md names each key). keepalived's names where keepalived has the
 * counter. A new counter goes into the section of the part that keeps it, and into that page.
 *
 * <p>Loop thread: most of these are the loop's own plain fields.
 */
final class DaemonStats {

    private DaemonStats() {
    }

    static Map<String, Object> of(Daemon daemon) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("instances", instances(daemon));
        result.put("sockets", sockets(daemon));
        result.put("loop", loop(daemon.loop(), daemon.linkNotificationsLost()));
        result.put("vip_backend", daemon.vipWork().map(work -> pluginWork(work.pluginId(), work.failures(), work.timeouts()))
                .orElse(null));
        result.put("announcer", daemon.announceWork().map(work -> pluginWork(work.pluginId(), work.failures(), work.timeouts()))
                .orElse(null));
        result.put("checks", checks(daemon.checks().status()));
        result.put("notifiers", notifiers(daemon.notifications().stats()));
        return result;
    }

    /** Each instance's VRRP counters (keepalived's names), and the adverts its socket would not take. */
    private static List<Map<String, Object>> instances(Daemon daemon) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (InstanceRuntime instance : daemon.runtime().instances()) {
            Map<String, Object> counters = new LinkedHashMap<>();
            for (VrrpCounter counter : VrrpCounter.values()) {
                counters.put(counter.keepalivedName(), instance.machine().counter(counter));
            }
            counters.put("send_failures", instance.sendFailures());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", instance.machine().parameters().name());
            entry.put("counters", counters);
            list.add(entry);
        }
        return list;
    }

    /** Each raw socket: packets that reached no instance (no VRID of ours, unframeable), and failed reads. */
    private static List<Map<String, Object>> sockets(Daemon daemon) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (SocketReader reader : daemon.readers()) {
            RawVrrpSocket socket = reader.socket();
            VrrpCounters dropped = reader.receiver().demultiplexer().counters();
            Map<String, Object> counters = new LinkedHashMap<>();
            for (VrrpCounter counter : VridDemultiplexer.COUNTED) {
                counters.put(counter.keepalivedName(), dropped.get(counter));
            }
            counters.put("receive_errors", reader.receiveErrors());
            counters.put("other_interface", reader.otherInterface());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("interface", socket.interfaceName());
            entry.put("family", socket.family() == Family.IPV4 ? "inet" : "inet6");
            entry.put("protocol", socket.protocol() == RawVrrpSocket.AH_PROTOCOL ? "ah" : "vrrp");
            entry.put("counters", counters);
            list.add(entry);
        }
        return list;
    }

    /**
     * The event loop: timers run and how late, work that threw (each one a bug), lost link notifications,
     * log lines stderr did not take in time (dropped rather than waited for, by the loop or any thread), the
     * passes over the process's memory before takeovers ({@link MemoryWarmth}).
     */
    private static Map<String, Object> loop(EventLoop loop, long linkNotificationsLost) {
        LatenessTracker lateness = loop.core().lateness();
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("timers_fired", lateness.fired());
        counters.put("timers_late", lateness.late());
        counters.put("timer_late_worst_ms", lateness.worstNanos() / 1e6);
        counters.put("late_tolerance_ms", lateness.toleranceNanos() / 1e6);
        counters.put("task_failures", loop.core().failures());
        counters.put("read_failures", loop.readFailures());
        counters.put("link_notifications_lost", linkNotificationsLost);
        counters.put("log_lines_dropped", NonBlockingStderr.dropped());
        MemoryWarmth warmth = MemoryWarmth.process();
        counters.put("memory_warm_ups", warmth.passes());
        counters.put("memory_warm_up_pages", warmth.pagesRead());
        counters.put("memory_warm_up_last_ms", warmth.lastPassMicros() / 1e3);
        return counters;
    }

    /** The VIP backend's or the announcer's work: calls into its plugin that threw. */
    private static Map<String, Object> pluginWork(String pluginId, long failures, long timeouts) {
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("plugin", pluginId);
        counters.put("failures", failures);
        counters.put("timeouts", timeouts);
        return counters;
    }

    private static List<Map<String, Object>> checks(List<CheckStatus> checks) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (CheckStatus check : checks) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("kind", check.kind().name().toLowerCase());
            c.put("name", check.name());
            c.put("plugin", check.pluginId());
            putCounters(check, c);
            list.add(c);
        }
        return list;
    }

    /** A check's counters, as both {@code stats} and {@code checks} show them. */
    static void putCounters(CheckStatus check, Map<String, Object> into) {
        into.put("runs", check.runs());
        into.put("failures", check.failures());
        into.put("timeouts", check.timeouts());
        into.put("errors", check.errors());
        into.put("overruns", check.overruns());
    }

    private static List<Map<String, Object>> notifiers(List<NotifierStats> notifiers) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (NotifierStats stats : notifiers) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("type", stats.type());
            n.put("plugin", stats.pluginId());
            n.put("name", stats.name());
            n.put("delivered", stats.delivered());
            n.put("failed", stats.failed());
            n.put("timed_out", stats.timedOut());
            n.put("dropped", stats.dropped());
            list.add(n);
        }
        return list;
    }
}
