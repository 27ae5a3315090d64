package io.hakeeper.engine.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.AnnouncerFactory;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.SourcePosition;
import io.hakeeper.api.VipBackendFactory;
import io.hakeeper.engine.config.HostName;
import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.config.model.SyncGroup;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.loop.EventLoop;
import io.hakeeper.engine.loop.LatenessTracker;
import io.hakeeper.engine.loop.LoopIo;
import io.hakeeper.engine.loop.MonotonicClock;
import io.hakeeper.engine.net.PollWaiter;
import io.hakeeper.engine.net.RawVrrpSocket;
import io.hakeeper.engine.notify.DeliveryLimits;
import io.hakeeper.engine.notify.NotificationDispatcher;
import io.hakeeper.engine.plugin.TypeRegistry;
import io.hakeeper.engine.runtime.AdvertReceiver;
import io.hakeeper.engine.runtime.InstanceRuntime;
import io.hakeeper.engine.runtime.VrrpRuntime;
import io.hakeeper.engine.track.CheckEvent;
import io.hakeeper.engine.track.CheckRunner;
import io.hakeeper.engine.track.ConfiguredChecks;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.StateChange;
import io.hakeeper.engine.vrrp.SyncGroupMachine;
import io.hakeeper.engine.vrrp.TrackedStatus;

/**
 * A running hakeeperd: the event loop with its raw sockets, every configured instance and sync group, and
 * the plugin work around them (VIPs, announcements, checks, notifications), each on its own named threads.
 * {@link #close()} is the graceful stop: masters resign with a priority-0 advert and their VIPs go.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("hakeeper");
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
    private static final int MAX_SOCKETS = 64;
    private static final long RESIGN_WAIT_MILLIS = 500;
    private static final long VIP_DRAIN_MILLIS = 800;

    private final EventLoop loop;
    private final PollWaiter waiter;
    private final LinkStates links;
    private final VrrpRuntime runtime;
    private final List<SocketReader> readers;
    private final Optional<VipWork> vips;
    private final Optional<AnnounceWork> announcements;
    private final NotificationDispatcher notifications;
    private final CheckRunner checks;
    /**
     * The graceful stop's first step, made when the daemon starts: a lambda's first call links it, and that
     * cost must not sit between SIGTERM and the priority-0 advert.
     */
    private final CountDownLatch resigned = new CountDownLatch(1);
    private final Runnable resign;
    private final DaemonSideEffects effects;
    private final InstanceFactory factory;
    private final MonotonicClock clock;
    private final Set<String> watched;
    /** The configuration running now; replaced on the loop by {@link #apply}. */
    private volatile HakeeperConfig config;
    private volatile boolean started;

    /** What a running daemon tells the world beyond its log: transitions and check changes. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** A transition of an instance or group, on the loop: return at once. */
        default void transition(StateChange change) {
        }

        /** A check changed state or value, on the loop: return at once. */
        default void check(CheckEvent event) {
        }
    }

    private Daemon(EventLoop loop, PollWaiter waiter, LinkStates links, VrrpRuntime runtime,
                   List<SocketReader> readers,
                   Optional<VipWork> vips, Optional<AnnounceWork> announcements,
                   NotificationDispatcher notifications, CheckRunner checks, DaemonSideEffects effects,
                   InstanceFactory factory, MonotonicClock clock, Set<String> watched, HakeeperConfig config) {
        this.loop = loop;
        this.waiter = waiter;
        this.links = links;
        this.runtime = runtime;
        this.readers = readers;
        this.vips = vips;
        this.announcements = announcements;
        this.notifications = notifications;
        this.checks = checks;
        this.resign = () -> {
            runtime.shutdown();
            resigned.countDown();
        };
        this.effects = effects;
        this.factory = factory;
        this.clock = clock;
        this.watched = watched;
        this.config = config;
    }

    /**
     * Builds everything the configuration asks for and starts the elections (after
     * {@code vrrp_startup_delay}).
     *
     * @param registry   the types of the loaded plugins
     * @param configFile the file, for positions in messages and relative paths
     */
    public static Daemon start(HakeeperConfig config, TypeRegistry registry, Path configFile) throws Exception {
        return start(config, registry, configFile, Listener.NONE);
    }

    /** As {@link #start(HakeeperConfig, TypeRegistry, Path)}, telling {@code listener} what happens. */
    public static Daemon start(HakeeperConfig config, TypeRegistry registry, Path configFile, Listener listener)
            throws Exception {
        Path configDirectory = configFile.toAbsolutePath().getParent();
        String routerId = config.globalDefs().routerId().orElseGet(HostName::get);
        PluginContext globalContext = new PluginContext("global_defs", routerId, configDirectory);
        Optional<VipWork> vips = vipWork(config, registry, globalContext);
        Optional<AnnounceWork> announcements = announceWork(config, registry, globalContext);
        NotificationDispatcher notifications = NotificationDispatcher.start(config, configFile.toString(),
                configDirectory, registry, DeliveryLimits.DEFAULT);

        PollWaiter waiter = new PollWaiter(MAX_SOCKETS);
        List<SocketReader> readers = new ArrayList<>();
        Set<String> watched = watchedInterfaces(config);
        LinkStates links = LinkStates.open(watched);
        links.readInitialDump();
        LoopIo io = now -> {
            links.readIfReady(waiter);
            for (int i = 0; i < readers.size(); i++) {
                readers.get(i).readIfReady(waiter, now);
            }
        };
        MonotonicClock clock = MonotonicClock.system();
        EventLoop loop = new EventLoop("hakeeper-loop", clock, waiter, io,
                new LatenessTracker(EventLoop.DEFAULT_TOLERANCE_NANOS));

        Map<String, VrrpInstance> configByName = new LinkedHashMap<>(config.instances());
        Map<String, String> labelByName = new LinkedHashMap<>();
        config.instances().values().forEach(i -> labelByName.put(i.name(), InstanceFactory.label(i)));
        DaemonSideEffects effects = new DaemonSideEffects(configByName, labelByName, vips, announcements,
                Optional.of(notifications), listener::transition);
        VrrpRuntime runtime = new VrrpRuntime(loop.core(), clock, new ActionBuffer(), effects);

        InstanceFactory factory = new InstanceFactory(config.globalDefs(), registry,
                new PluginContext("vrrp_instance", routerId, configDirectory), runtime,
                (key, owner) -> new SocketReader(RawVrrpSocket.open(key.family(), key.interfaceName(), key.protocol()),
                        new AdvertReceiver(key.interfaceName() + " " + key.family(), key.family(), owner,
                                LOG_INTERVAL_NANOS), waiter));
        Map<String, InstanceMachine> machines = new LinkedHashMap<>();
        InterfaceAddresses host = new InterfaceAddresses();
        for (VrrpInstance instance : config.instances().values()) {
            InstanceRuntime running = factory.create(instance, host);
            machines.put(instance.name(), running.machine());
            if (!links.isUp(instance.interfaceName())) {
                LOG.info("{}: interface {} is down or absent; the instance starts in FAULT", running.label(),
                        instance.interfaceName());
                running.machine().onInterfaceChange(false, clock.nanoTime());
            }
            // we start as BACKUP: a VIP of ours left on the host (by a crash, or by hand) must go; an absent
            // interface holds none
            if (links.isUp(instance.interfaceName()) || host.exists(instance.interfaceName())) {
                vips.ifPresent(work -> work.remove(running.label(), instance));
            }
        }
        readers.addAll(factory.readers().values());
        config.instances().values().stream().map(VrrpInstance::interfaceName).distinct()
                .forEach(name -> announcements.ifPresent(work -> work.prepare(name)));
        for (SyncGroup group : config.syncGroups().values()) {
            runtime.addGroup(SyncGroupMachine.from(group, machines::get, runtime.actions()));
        }
        for (String name : trackedInterfaces(config)) {
            runtime.onTrackedChange(TrackKind.INTERFACE, name, links.isUp(name) ? TrackedStatus.UP : TrackedStatus.DOWN, 0);
        }

        ConfiguredChecks made = ConfiguredChecks.create(config, registry, routerId, configDirectory);
        made.problems().forEach(problem -> LOG.error("check: {}", problem));
        CheckRunner checks = CheckRunner.start(made.checks(), loop,
                event -> {
                    runtime.onTrackedChange(event.kind(), event.name(), event.state(), event.value());
                    listener.check(event);
                }, clock);

        Daemon daemon = new Daemon(loop, waiter, links, runtime, readers, vips, announcements, notifications,
                checks, effects, factory, clock, watched, config);
        links.attach(runtime, waiter, daemon::interfaceAppeared);
        loop.start();
        long delay = config.globalDefs().startupDelay().toNanos();
        loop.execute(() -> {
            if (delay == 0) {
                daemon.started = true;
                runtime.start();
            } else {
                LOG.info("vrrp_startup_delay: elections start in {} ms", TimeUnit.NANOSECONDS.toMillis(delay));
                loop.core().schedule(loop.core().newTimer("vrrp_startup_delay", () -> {
                    daemon.started = true;
                    runtime.start();
                }),
                        clock.nanoTime() + delay);
            }
        });
        LOG.info("hakeeperd running: {} instances, {} sync groups, {} sockets", config.instances().size(),
                config.syncGroups().size(), readers.size());
        return daemon;
    }

    /** Every interface whose state matters: the instances' own and every track_interface. */
    private static Set<String> watchedInterfaces(HakeeperConfig config) {
        Set<String> names = new LinkedHashSet<>();
        config.instances().values().forEach(instance -> names.add(instance.interfaceName()));
        names.addAll(trackedInterfaces(config));
        return names;
    }

    private static Set<String> trackedInterfaces(HakeeperConfig config) {
        Set<String> names = new LinkedHashSet<>();
        config.instances().values().forEach(instance -> instance.tracked(TrackKind.INTERFACE)
                .forEach(tracked -> names.add(tracked.name())));
        config.syncGroups().values().forEach(group -> names.addAll(
                group.tracked().getOrDefault(TrackKind.INTERFACE, List.of())));
        return names;
    }

    private static Optional<VipWork> vipWork(HakeeperConfig config, TypeRegistry registry, PluginContext context) {
        String type = config.globalDefs().vipBackend();
        return registry.find(VipBackendFactory.class, type).map(registered -> new VipWork(
                registered.call(factory -> factory.create(emptySettings(), context)), registered.classLoader(),
                registered.pluginId())).or(() -> {
                    LOG.warn("no VIP backend type {} is loaded: VIPs will not be added", type);
                    return Optional.empty();
                });
    }

    private static Optional<AnnounceWork> announceWork(HakeeperConfig config, TypeRegistry registry,
                                                       PluginContext context) {
        String type = config.globalDefs().announcer();
        return registry.find(AnnouncerFactory.class, type).map(registered -> new AnnounceWork(
                registered.call(factory -> factory.create(emptySettings(), context)), registered.classLoader(),
                registered.pluginId(), config.globalDefs().garpInterval())).or(() -> {
                    LOG.warn("no announcer type {} is loaded: no gratuitous ARP / NA will be sent", type);
                    return Optional.empty();
                });
    }

    private static MapSettings emptySettings() {
        return MapSettings.of("global_defs", SourcePosition.unknown("global_defs"), Map.of());
    }

    /**
     * Whether {@code next} can replace the running configuration instance by instance: everything but the
     * instances is the same, the instances whose definition changes belong to no sync group, and their
     * interfaces are already watched. Otherwise a reload restarts the whole daemon.
     */
    public Optional<String> whyNotIncremental(HakeeperConfig next) {
        HakeeperConfig now = config;
        if (!now.globalDefs().equals(next.globalDefs())) {
            return Optional.of("global_defs changed");
        }
        if (!now.scripts().equals(next.scripts()) || !now.trackFiles().equals(next.trackFiles())
                || !now.trackProcesses().equals(next.trackProcesses())) {
            return Optional.of("a vrrp_script, vrrp_track_file or vrrp_track_process changed");
        }
        if (!now.syncGroups().equals(next.syncGroups())) {
            return Optional.of("a vrrp_sync_group changed");
        }
        Set<String> grouped = new LinkedHashSet<>();
        now.syncGroups().values().forEach(group -> grouped.addAll(group.members()));
        for (String name : ReloadPlan.between(now, next).touched()) {
            if (grouped.contains(name)) {
                return Optional.of("instance " + name + " of a sync group changed");
            }
        }
        if (!watched.containsAll(watchedInterfaces(next))) {
            return Optional.of("an instance uses an interface not watched yet");
        }
        return Optional.empty();
    }

    /**
     * Applies a reload instance by instance, on the loop: removed and changed instances resign (priority 0,
     * VIPs removed) and go; changed and added ones are built and start as at startup; the others are not
     * touched at all, so their state, timers and VIPs carry on without a blip. Call only when
     * {@link #whyNotIncremental} is empty.
     */
    public void apply(HakeeperConfig next, ReloadPlan plan) throws Exception {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        loop.execute(() -> {
            try {
                applyOnLoop(next, plan);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(5, TimeUnit.SECONDS);
    }

    /** {@link #apply}'s work, on the loop thread. */
    private void applyOnLoop(HakeeperConfig next, ReloadPlan plan) {
        for (String name : plan.leaving()) {
            runtime.instances().stream().filter(i -> i.machine().parameters().name().equals(name))
                    .findFirst().ifPresent(instance -> {
                        runtime.remove(instance);
                        factory.forget(instance);
                        LOG.info("{}: reload: {}", instance.label(),
                                plan.removed().contains(name) ? "removed" : "changed; restarting");
                    });
        }
        InterfaceAddresses host = new InterfaceAddresses();
        for (String name : plan.arriving()) {
            VrrpInstance instance = next.instances().get(name);
            InstanceRuntime running = factory.create(instance, host);
            effects.adopt(instance, running.label());
            long now = clock.nanoTime();
            if (!links.isUp(instance.interfaceName())) {
                running.machine().onInterfaceChange(false, now);
            }
            instance.tracked(TrackKind.INTERFACE).forEach(tracked -> running.machine().onTrackedChange(
                    TrackKind.INTERFACE, tracked.name(),
                    links.isUp(tracked.name()) ? TrackedStatus.UP : TrackedStatus.DOWN, now));
            for (io.hakeeper.engine.track.CheckStatus check : checks.status()) {
                if (check.kind() == TrackKind.FILE && check.state() == TrackedStatus.UP) {
                    running.machine().onTrackedFileValue(check.name(), check.value(), now);
                } else {
                    running.machine().onTrackedChange(check.kind(), check.name(), check.state(), now);
                }
            }
            if (plan.added().contains(name)) {
                vips.ifPresent(work -> work.remove(running.label(), instance));
            }
            if (started) {
                runtime.start(running);
            }
            LOG.info("{}: reload: {}", running.label(), plan.added().contains(name) ? "added" : "restarted");
        }
        for (SocketReader reader : factory.readers().values()) {
            if (!readers.contains(reader)) {
                readers.add(reader);
            }
        }
        config = next;
    }

    /**
     * An interface appeared that instances could not open their socket on at start: restart just those
     * instances, which opens the socket now; the others go on untouched. Loop thread.
     */
    private void interfaceAppeared(String interfaceName) {
        List<String> stuck = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (InstanceRuntime instance : runtime.instances()) {
            String name = instance.machine().parameters().name();
            (instance.interfaceName().equals(interfaceName) && !instance.canSend() ? stuck : others).add(name);
        }
        if (stuck.isEmpty()) {
            return;
        }
        LOG.info("interface {} appeared: starting {} on it", interfaceName, stuck);
        try {
            applyOnLoop(config, new ReloadPlan(others, stuck, List.of(), List.of()));
        } catch (RuntimeException e) {
            LOG.error("interface {} appeared, but starting {} on it failed: {}", interfaceName, stuck, e.toString());
        }
    }

    /** The configuration running now. */
    public HakeeperConfig config() {
        return config;
    }

    public CheckRunner checks() {
        return checks;
    }

    public NotificationDispatcher notifications() {
        return notifications;
    }

    /** The last transitions of an instance or group, oldest first, with their wall-clock times. Loop only. */
    public List<StateChange> history(String name) {
        return effects.history(name).stream().map(DaemonSideEffects.TimedChange::change).toList();
    }

    /** When each of {@link #history} happened, in the same order. Loop only. */
    public List<java.time.Instant> historyTimes(String name) {
        return effects.history(name).stream().map(DaemonSideEffects.TimedChange::at).toList();
    }

    /** The instances, for status and tests. Read their machines on the loop thread only. */
    public VrrpRuntime runtime() {
        return runtime;
    }

    public EventLoop loop() {
        return loop;
    }

    /**
     * The graceful stop: every instance enters STOP (a master sends one priority-0 advert so a backup takes
     * over after Skew_Time instead of Master_Down_Interval), its VIPs are removed, the notifiers hear STOP
     * (notify_stop), and every thread ends.
     */
    @Override
    public void close() throws Exception {
        loop.execute(resign);
        if (!resigned.await(RESIGN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            LOG.warn("the event loop did not resign the instances within {} ms", RESIGN_WAIT_MILLIS);
        }
        for (VipWork work : vips.stream().toList()) {
            work.drain(VIP_DRAIN_MILLIS);
        }
        checks.close();
        notifications.close();
        loop.close();
        readers.forEach(reader -> reader.socket().close());
        links.close();
        waiter.close();
        for (AnnounceWork work : announcements.stream().toList()) {
            work.close();
        }
        for (VipWork work : vips.stream().toList()) {
            work.close();
        }
    }
}
