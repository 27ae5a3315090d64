package io.hakeeper.engine.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.tomlj.Toml;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.VirtualAddress;
import io.hakeeper.engine.config.MaskedToml;
import io.hakeeper.engine.config.Problem;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.config.model.ProcessPriorities;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.control.ControlException;
import io.hakeeper.engine.control.ControlService;
import io.hakeeper.engine.control.ErrorCode;
import io.hakeeper.engine.control.EventHub;
import io.hakeeper.engine.plugin.LoadedPlugins;
import io.hakeeper.engine.plugin.PluginInfo;
import io.hakeeper.engine.plugin.PluginProblem;
import io.hakeeper.engine.realtime.ProcessTuning;
import io.hakeeper.engine.realtime.StartupHeap;
import io.hakeeper.engine.runtime.InstanceRuntime;
import io.hakeeper.engine.runtime.PeerTable;
import io.hakeeper.engine.track.CheckStatus;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.StateChange;
import io.hakeeper.engine.vrrp.TransitionCause;
import io.hakeeper.engine.vrrp.TrackedTerm;

/**
 * The running daemon as the control socket sees it: answers every command of docs/control-protocol.md and
 * owns the daemon's life across reloads (SIGHUP comes here too). Instance state is read and changed on the
 * event loop only: each command hands the loop a task and waits for its snapshot.
 */
public final class DaemonControl implements ControlService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("hakeeper");
    private static final long LOOP_WAIT_MILLIS = 2000;

    /** Loads and validates the configuration file: what {@code hakeeperd} and its reload do. */
    public interface Loader {
        Loaded load() throws Exception;
    }

    /**
     * A configuration read and checked, with its plugins.
     *
     * @param problems every error, empty when {@code config} is present
     * @param text     the TOML text validated (a keepalived.conf's translation), for {@code config}
     * @param close    unloads the plugins
     */
    public record Loaded(Optional<HakeeperConfig> config, List<Problem> problems, LoadedPlugins plugins, String text,
                         AutoCloseable close) {
    }

    private final Path configFile;
    private final Loader loader;
    /** One per process: what the first tuning found is what a removed setting returns to. */
    private final ProcessTuning tuning = new ProcessTuning();
    private final EventHub events;
    private final long startedNanos = System.nanoTime();
    private volatile Daemon daemon;
    private volatile Loaded loaded;
    private volatile String version;

    private DaemonControl(Path configFile, Loader loader, EventHub events, String version) {
        this.configFile = configFile;
        this.loader = loader;
        this.events = events;
        this.version = version;
    }

    /** Starts the daemon on {@code first} (already valid). */
    public static DaemonControl start(Path configFile, Loaded first, Loader loader, EventHub events, String version)
            throws Exception {
        DaemonControl control = new DaemonControl(configFile, loader, events, version);
        control.loaded = first;
        control.daemon = control.openDaemon(first);
        StartupHeap.settle();
        control.tune(control.daemon);
        control.daemon.beginElections();
        return control;
    }

    private Daemon openDaemon(Loaded load) throws Exception {
        return Daemon.open(load.config().orElseThrow(), load.plugins().registry(), configFile,
                new EventsListener(events));
    }

    /**
     * Applies the process priorities of the daemon's configuration to its event loop and the JVM threads the
     * loop waits for, before its instances start (or, on a reload, as soon as the configuration runs), and
     * the loop's short slice, which every loop gets. The loop thread names its kernel id itself. A refusal is
     * a warning (logged by the tuning); the daemon runs on.
     */
    private void tune(Daemon target) {
        ProcessPriorities wanted = target.config().globalDefs().processPriorities();
        // binds libc here: generating the binding takes long enough to make a running loop miss adverts
        ProcessTuning.currentThreadId();
        CompletableFuture<Integer> loopTid = new CompletableFuture<>();
        target.loop().execute(() -> loopTid.complete(ProcessTuning.currentThreadId()));
        try {
            tuning.apply(wanted, loopTid.get(LOOP_WAIT_MILLIS, TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("the event loop did not say its thread id within {} ms: its slice, vrrp_rt_priority,"
                    + " vrrp_priority, vrrp_no_swap and vrrp_cpu_affinity are not applied", LOOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("the event loop's slice, vrrp_rt_priority, vrrp_priority, vrrp_no_swap and vrrp_cpu_affinity"
                    + " are not applied: {}", e.toString());
        }
    }

    /** The admin_group of the configuration running now. */
    public Optional<String> adminGroup() {
        return daemon.config().globalDefs().adminGroup();
    }

    // ---- reading ---------------------------------------------------------------------------------------

    @Override
    public Map<String, Object> status() throws ControlException {
        Daemon running = daemon;
        List<Map<String, Object>> instances = onLoop(running, () -> {
            List<Map<String, Object>> list = new ArrayList<>();
            for (InstanceRuntime instance : running.runtime().instances()) {
                list.add(summary(running, instance));
            }
            return list;
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", version);
        result.put("uptime_s", Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0);
        result.put("config_file", configFile.toAbsolutePath().toString());
        result.put("instances", instances);
        return result;
    }

    private static Map<String, Object> summary(Daemon running, InstanceRuntime instance) {
        InstanceMachine machine = instance.machine();
        VrrpInstance config = running.config().instances().get(machine.parameters().name());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", machine.parameters().name());
        map.put("state", machine.state().name());
        map.put("vrid", instance.virtualRouterId());
        map.put("family", config.family() == Family.IPV4 ? "inet" : "inet6");
        map.put("interface", instance.interfaceName());
        map.put("version", config.version());
        map.put("priority", machine.basePriority());
        map.put("effective_priority", machine.effectivePriority());
        map.put("master_ip", masterIp(instance));
        map.put("advert_int", config.advertInt().toMillis() / 1000.0);
        map.put("vips", config.virtualAddresses().stream().map(DaemonControl::vip).toList());
        map.put("maintenance", machine.maintenance());
        map.put("fault_cause", faultCause(instance));
        return map;
    }

    /** Why a FAULT instance is in FAULT (with the socket's error when it has none), else null. */
    private static String faultCause(InstanceRuntime instance) {
        TransitionCause reason = instance.machine().faultReason();
        if (reason == null) {
            return null;
        }
        return reason == instance.machine().cannotSend() && instance.cannotSendDetail() != null
                ? instance.cannotSendDetail() : reason.text();
    }

    private static Object masterIp(InstanceRuntime instance) {
        return switch (instance.machine().state()) {
            case MASTER -> address(instance.sourceAddress());
            case BACKUP -> instance.peers().master().map(peer -> (Object) address(peer.address())).orElse(null);
            default -> null;
        };
    }

    @Override
    public Map<String, Object> instance(String name) throws ControlException {
        Daemon running = daemon;
        return onLoop(running, () -> {
            InstanceRuntime instance = find(running, name);
            InstanceMachine machine = instance.machine();
            long now = System.nanoTime();
            Map<String, Object> map = summary(running, instance);
            Map<String, Object> priority = new LinkedHashMap<>();
            priority.put("base", machine.basePriority());
            priority.put("configured", machine.parameters().priority());
            priority.put("overridden", machine.priorityOverridden());
            List<Map<String, Object>> weights = new ArrayList<>();
            for (TrackedTerm term : machine.priorityTerms()) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("kind", term.item().kind().name().toLowerCase());
                w.put("name", term.item().name());
                w.put("status", term.status().name());
                w.put("weight", term.item().weight());
                w.put("adds", term.weight());
                w.put("fault", term.fault());
                weights.add(w);
            }
            priority.put("weights", weights);
            priority.put("effective", machine.effectivePriority());
            map.put("priority_terms", priority);
            Map<String, Object> timers = new LinkedHashMap<>();
            timers.put("master_down_interval_s", machine.masterDownIntervalNanos() / 1e9);
            timers.put("skew_time_s", machine.skewTimeNanos() / 1e9);
            long deadline = machine.nextDeadlineNanos();
            timers.put("next_timer_in_s", deadline == InstanceMachine.NO_DEADLINE ? null
                    : Math.max(0, deadline - now) / 1e9);
            map.put("timers", timers);
            map.put("peers", peers(instance, now));
            List<Map<String, Object>> transitions = new ArrayList<>();
            List<StateChange> history = running.history(name);
            List<Instant> times = running.historyTimes(name);
            for (int i = 0; i < history.size(); i++) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("from", history.get(i).from().name());
                t.put("to", history.get(i).to().name());
                t.put("cause", history.get(i).cause().text());
                t.put("effective_priority", history.get(i).effectivePriority());
                t.put("time", times.get(i).toString());
                transitions.add(t);
            }
            map.put("transitions", transitions);
            return map;
        });
    }

    private static List<Map<String, Object>> peers(InstanceRuntime instance, long now) {
        List<Map<String, Object>> peers = new ArrayList<>();
        for (PeerTable.Peer peer : instance.peers().snapshot()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("address", address(peer.address()));
            p.put("priority", peer.priority());
            p.put("advert_int", peer.intervalCentiseconds() / 100.0);
            p.put("age_s", Math.round((now - peer.heardAtNanos()) / 1e6) / 1000.0);
            p.put("accepted", peer.accepted());
            p.put("verdict", peer.verdict().name().toLowerCase());
            p.put("adverts", peer.adverts());
            peers.add(p);
        }
        return peers;
    }

    @Override
    public Map<String, Object> peers() throws ControlException {
        Daemon running = daemon;
        List<Map<String, Object>> list = onLoop(running, () -> {
            long now = System.nanoTime();
            List<Map<String, Object>> all = new ArrayList<>();
            for (InstanceRuntime instance : running.runtime().instances()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("interface", instance.interfaceName());
                entry.put("vrid", instance.virtualRouterId());
                entry.put("instance", instance.machine().parameters().name());
                entry.put("routers", peers(instance, now));
                all.add(entry);
            }
            return all;
        });
        return Map.of("peers", list);
    }

    @Override
    public Map<String, Object> checks() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (CheckStatus check : daemon.checks().status()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("kind", check.kind().name().toLowerCase());
            c.put("name", check.name());
            c.put("plugin", check.pluginId());
            c.put("state", check.state().name());
            c.put("value", check.value());
            c.put("last_line", check.lastLine());
            DaemonStats.putCounters(check, c);
            list.add(c);
        }
        return Map.of("checks", list);
    }

    @Override
    public Map<String, Object> plugins() {
        LoadedPlugins plugins = loaded.plugins();
        List<Map<String, Object>> list = new ArrayList<>();
        for (PluginInfo plugin : plugins.plugins()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", plugin.id());
            p.put("version", plugin.version());
            p.put("state", plugin.status().name());
            p.put("jar", plugin.jar().toString());
            Map<String, Object> types = new LinkedHashMap<>();
            plugin.types().forEach((kind, names) -> types.put(kind.name().toLowerCase(), List.copyOf(names)));
            p.put("types", types);
            list.add(p);
        }
        List<Map<String, Object>> problems = new ArrayList<>();
        for (PluginProblem problem : plugins.problems()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("jar", problem.jar().toString());
            p.put("plugin", problem.pluginId().orElse(null));
            p.put("kind", problem.kind().name().toLowerCase());
            p.put("message", problem.message());
            problems.add(p);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("plugins", list);
        result.put("problems", problems);
        return result;
    }

    @Override
    public Map<String, Object> stats() throws ControlException {
        Daemon running = daemon;
        return onLoop(running, () -> DaemonStats.of(running));
    }

    @Override
    public Map<String, Object> config() {
        Loaded now = loaded;
        Set<String> secrets = MaskedToml.secretKeys(now.plugins().registry());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", configFile.toAbsolutePath().toString());
        result.put("masked", List.copyOf(secrets));
        result.put("toml", MaskedToml.write(Toml.parse(now.text()), secrets));
        return result;
    }

    // ---- changing --------------------------------------------------------------------------------------

    @Override
    public Map<String, Object> priority(String name, OptionalInt priority) throws ControlException {
        Daemon running = daemon;
        return onLoop(running, () -> {
            InstanceRuntime instance = find(running, name);
            running.runtime().overridePriority(instance, priority.orElse(0));
            Map<String, Object> result = summary(running, instance);
            result.put("overridden", instance.machine().priorityOverridden());
            return result;
        });
    }

    @Override
    public Map<String, Object> maintenance(String name, boolean on) throws ControlException {
        Daemon running = daemon;
        return onLoop(running, () -> {
            InstanceRuntime instance = find(running, name);
            running.runtime().maintenance(instance, on);
            return summary(running, instance);
        });
    }

    /** SIGHUP and {@code reload}: one at a time. */
    @Override
    public synchronized Map<String, Object> reload() throws ControlException {
        Loaded next;
        try {
            next = loader.load();
        } catch (Exception e) {
            throw new ControlException(ErrorCode.CONFIG_INVALID, "cannot read " + configFile + ": " + e.getMessage());
        }
        if (next.config().isEmpty()) {
            closeQuietly(next);
            List<String> problems = next.problems().stream().map(Problem::toString).toList();
            throw new ControlException(ErrorCode.CONFIG_INVALID, configFile + " has " + problems.size()
                    + (problems.size() == 1 ? " error" : " errors") + "; nothing changed", Map.of("problems", problems));
        }
        HakeeperConfig config = next.config().get();
        Daemon running = daemon;
        Optional<String> whyNot = running.whyNotIncremental(config);
        ReloadPlan plan;
        String mode;
        if (whyNot.isEmpty()) {
            plan = ReloadPlan.between(running.config(), config);
            try {
                // the running plugins serve on: global_defs (so plugin_dir) did not change
                running.apply(config, plan);
            } catch (TimeoutException e) {
                closeQuietly(next);
                LOG.error("reload: the event loop did not apply {} in time; it may still", configFile);
                throw new ControlException(ErrorCode.INTERNAL, "the event loop did not apply the reload in time;"
                        + " it may still: see ha-admin status");
            } catch (Exception e) {
                closeQuietly(next);
                throw cannotStart(e instanceof ExecutionException ? e.getCause() : e);
            }
            Loaded old = loaded;
            loaded = new Loaded(next.config(), List.of(), old.plugins(), next.text(), old.close());
            closeQuietly(next);
            tune(running);
            mode = "instances";
        } else {
            plan = ReloadPlan.restartAll(running.config(), config);
            LOG.info("reload: {}: restarting the whole daemon", whyNot.get());
            Daemon replacement;
            try {
                replacement = openDaemon(next);
            } catch (Exception | LinkageError e) {
                closeQuietly(next);
                throw cannotStart(e);
            }
            // from here on the replacement answers the control socket (its instances in INIT until they start)
            Loaded old = loaded;
            daemon = replacement;
            loaded = next;
            running.handVipsTo(replacement);
            try {
                running.close();
            } catch (Exception e) {
                LOG.warn("reload: while stopping the configuration replaced: {}", e.toString());
            }
            tune(replacement);
            replacement.beginElections();
            closeQuietly(old);
            mode = "restart";
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", mode);
        result.put("reason", whyNot.orElse(null));
        result.put("unchanged", plan.unchanged());
        result.put("changed", plan.changed());
        result.put("added", plan.added());
        result.put("removed", plan.removed());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "reload");
        event.putAll(result);
        event.put("time", Instant.now().toString());
        events.publish(event);
        LOG.info("reload: {}", result);
        return result;
    }

    /**
     * A valid configuration that failed to start is refused like a broken file: logged, answered with its
     * cause, and the running configuration carries on untouched.
     */
    private ControlException cannotStart(Throwable cause) {
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        LOG.error("reload refused: {} could not start: {}; the running configuration carries on", configFile, why,
                cause);
        return new ControlException(ErrorCode.CONFIG_INVALID, configFile + " could not start: " + why
                + "; nothing changed", Map.of("problems", List.of(why)));
    }

    @Override
    public void close() throws Exception {
        try {
            daemon.close();
        } finally {
            closeQuietly(loaded);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static InstanceRuntime find(Daemon running, String name) throws ControlException {
        for (InstanceRuntime instance : running.runtime().instances()) {
            if (instance.machine().parameters().name().equals(name)) {
                return instance;
            }
        }
        throw new ControlException(ErrorCode.NOT_FOUND, "no instance named " + name + "; the instances are "
                + running.runtime().instances().stream().map(i -> i.machine().parameters().name()).toList());
    }

    /** A task for the loop that may refuse with a {@link ControlException}. */
    private interface LoopTask<T> {
        T call() throws ControlException;
    }

    private static <T> T onLoop(Daemon running, LoopTask<T> task) throws ControlException {
        CompletableFuture<T> answer = new CompletableFuture<>();
        running.loop().execute(() -> {
            try {
                answer.complete(task.call());
            } catch (ControlException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(LOOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ControlException refused) {
                throw refused;
            }
            throw new ControlException(ErrorCode.INTERNAL, "failed on the event loop: " + e.getCause());
        } catch (TimeoutException e) {
            throw new ControlException(ErrorCode.INTERNAL, "the event loop did not answer within "
                    + LOOP_WAIT_MILLIS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException(ErrorCode.INTERNAL, "interrupted");
        }
    }

    static String vip(VirtualAddress vip) {
        return vip.address().getHostAddress() + "/" + vip.prefixLength();
    }

    private static String address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static void closeQuietly(Loaded load) {
        try {
            load.close().close();
        } catch (Exception e) {
            LOG.warn("while unloading plugins: {}", e.toString());
        }
    }

}
