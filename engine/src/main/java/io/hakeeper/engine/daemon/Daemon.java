package io.hakeeper.engine.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.AnnouncerFactory;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.SourcePosition;
import io.hakeeper.api.VipBackendFactory;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.engine.config.HostName;
import io.hakeeper.engine.config.HostInterfaces;
import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.config.model.SyncGroup;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.loop.EventLoop;
import io.hakeeper.engine.loop.LatenessTracker;
import io.hakeeper.engine.loop.LoopIo;
import io.hakeeper.engine.loop.MonotonicClock;
import io.hakeeper.engine.loop.Timer;
import io.hakeeper.engine.net.ArrivalClock;
import io.hakeeper.engine.net.PollWaiter;
import io.hakeeper.engine.net.RawVrrpSocket;
import io.hakeeper.engine.notify.DeliveryLimits;
import io.hakeeper.engine.notify.NotificationDispatcher;
import io.hakeeper.engine.plugin.TypeRegistry;
import io.hakeeper.engine.realtime.MemoryWarmth;
import io.hakeeper.engine.runtime.AdvertReceiver;
import io.hakeeper.engine.runtime.InstanceRuntime;
import io.hakeeper.engine.runtime.TakeoverRehearsal;
import io.hakeeper.engine.runtime.VrrpRuntime;
import io.hakeeper.engine.track.CheckEvent;
import io.hakeeper.engine.track.CheckRunner;
import io.hakeeper.engine.track.ConfiguredChecks;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.StateChange;
import io.hakeeper.engine.vrrp.SyncGroupMachine;
import io.hakeeper.engine.vrrp.TransitionCause;
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
    /** One rehearsal takes well under a millisecond, interpreted; its thread runs at nice 19. */
    private static final long REHEARSAL_STOP_MILLIS = 200;
    /** A socket that would not open is tried again after 1 s, then twice as long each time, at most 60 s. */
    private static final long SOCKET_RETRY_FIRST_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SOCKET_RETRY_MAX_NANOS = TimeUnit.SECONDS.toNanos(60);

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
    /** The instances whose VIPs {@link #beginElections} clears first: those whose interface exists. */
    private final Map<String, VrrpInstance> clearAtStart;
    /** The members of sync groups, which a reload does not restart one by one (nor may the daemon). */
    private final Set<String> grouped = new HashSet<>();
    /** Interfaces whose stale sockets were said to stay (for sync groups), so that it is said once. */
    private final Set<String> staleSaid = new HashSet<>();
    private Timer socketRetry;
    /** The takeover rehearsals of a daemon of many instances, stopped first at close. */
    private BurstRehearsal rehearsals = BurstRehearsal.NONE;
    private long socketRetryDelayNanos = SOCKET_RETRY_FIRST_NANOS;
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
                   InstanceFactory factory, MonotonicClock clock, Set<String> watched, HakeeperConfig config,
                   Map<String, VrrpInstance> clearAtStart) {
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
        this.clearAtStart = Map.copyOf(clearAtStart);
        config.syncGroups().values().forEach(group -> grouped.addAll(group.members()));
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
        Daemon daemon = open(config, registry, configFile, listener);
        daemon.beginElections();
        return daemon;
    }

    /**
     * Builds everything the configuration asks for (plugins made, sockets opened, checks running) and runs
     * the loop, with every instance still in INIT: nothing is sent and no VIP is touched until
     * {@link #beginElections}. Whatever fails here closes what was opened before the exception leaves, so a
     * reload can refuse a configuration that cannot start while the one running carries on beside it (raw
     * sockets are not exclusive: both daemons' sockets receive every advert, and INIT ignores them).
     */
    public static Daemon open(HakeeperConfig config, TypeRegistry registry, Path configFile, Listener listener)
            throws Exception {
        OpenedSoFar opened = new OpenedSoFar();
        try {
            return open(config, registry, configFile, listener, opened);
        } catch (Exception | LinkageError e) {
            opened.closeAll();
            throw e;
        }
    }

    private static Daemon open(HakeeperConfig config, TypeRegistry registry, Path configFile, Listener listener,
                               OpenedSoFar opened) throws Exception {
        Path configDirectory = configFile.toAbsolutePath().getParent();
        String routerId = config.globalDefs().routerId().orElseGet(HostName::get);
        PluginContext globalContext = new PluginContext("global_defs", routerId, configDirectory);
        Optional<VipWork> vips = opened.add(vipWork(config, registry, globalContext));
        Optional<AnnounceWork> announcements = opened.add(announceWork(config, registry, globalContext));
        NotificationDispatcher notifications = opened.add(NotificationDispatcher.start(config,
                configFile.toString(), configDirectory, registry, DeliveryLimits.DEFAULT));

        PollWaiter waiter = opened.add(new PollWaiter(MAX_SOCKETS));
        List<SocketReader> readers = new ArrayList<>();
        Set<String> watched = watchedInterfaces(config);
        LinkStates links = opened.add(LinkStates.open(watched));
        links.readInitialDump();
        ArrivalClock arrivals = ArrivalClock.system();
        LoopIo io = now -> {
            links.readIfReady(waiter);
            arrivals.wokeUp();
            for (int i = 0; i < readers.size(); i++) {
                readers.get(i).readIfReady(waiter, now);
            }
        };
        MonotonicClock clock = MonotonicClock.system();
        EventLoop loop = new EventLoop("hakeeper-loop", clock, waiter, io,
                new LatenessTracker(EventLoop.DEFAULT_TOLERANCE_NANOS));
        // a backup that waited seconds for its master finds its memory cold at its takeover: warm it first
        MemoryWarmth warmth = MemoryWarmth.process();
        loop.core().onWarmUp(warmth::beforeTakeover);

        Map<String, VrrpInstance> configByName = new LinkedHashMap<>(config.instances());
        Map<String, String> labelByName = new LinkedHashMap<>();
        config.instances().values().forEach(i -> labelByName.put(i.name(), InstanceFactory.label(i)));
        DaemonSideEffects effects = new DaemonSideEffects(configByName, labelByName, vips, announcements,
                Optional.of(notifications), listener::transition);
        VrrpRuntime runtime = new VrrpRuntime(loop.core(), clock, new ActionBuffer(), effects);

        InstanceFactory factory = new InstanceFactory(config.globalDefs(), registry,
                new PluginContext("vrrp_instance", routerId, configDirectory), runtime,
                (key, owner) -> new SocketReader(RawVrrpSocket.open(key.family(), key.interfaceName(), key.protocol(),
                        configuredVips(config.instances().values())),
                        new AdvertReceiver(key.interfaceName() + " " + key.family(), key.family(), owner,
                                LOG_INTERVAL_NANOS), waiter, arrivals), links);
        opened.undo(() -> factory.readers().values().forEach(reader -> reader.socket().close()));
        Map<String, InstanceMachine> machines = new LinkedHashMap<>();
        Map<String, VrrpInstance> clearAtStart = new LinkedHashMap<>();
        for (VrrpInstance instance : config.instances().values()) {
            InstanceRuntime running = factory.create(instance);
            machines.put(instance.name(), running.machine());
            vips.ifPresent(work -> work.prepare(running.label(), instance));
            if (!links.isUp(instance.interfaceName())) {
                LOG.info("{}: interface {} is down or absent; the instance starts in FAULT", running.label(),
                        instance.interfaceName());
                running.machine().onInterfaceChange(false, clock.nanoTime());
            }
            // an absent interface holds no VIP to clear at start
            if (links.isUp(instance.interfaceName()) || HostInterfaces.exists(instance.interfaceName())) {
                clearAtStart.put(running.label(), instance);
            }
        }
        readers.addAll(factory.readers().values());
        config.instances().values().stream().map(VrrpInstance::interfaceName).distinct()
                .forEach(name -> announcements.ifPresent(work -> work.prepare(name)));
        config.instances().values().stream().findFirst().ifPresent(effects::rehearseTakeover);
        for (SyncGroup group : config.syncGroups().values()) {
            runtime.addGroup(SyncGroupMachine.from(group, machines::get, runtime.actions()));
        }
        for (String name : trackedInterfaces(config)) {
            runtime.onTrackedChange(TrackKind.INTERFACE, name, links.isUp(name) ? TrackedStatus.UP : TrackedStatus.DOWN, 0);
        }

        ConfiguredChecks made = ConfiguredChecks.create(config, registry, routerId, configDirectory);
        made.problems().forEach(problem -> LOG.error("check: {}", problem));
        CheckRunner checks = opened.add(CheckRunner.start(made.checks(), loop,
                event -> {
                    runtime.onTrackedChange(event.kind(), event.name(), event.state(), event.value());
                    listener.check(event);
                }, clock));

        Daemon daemon = new Daemon(loop, waiter, links, runtime, readers, vips, announcements, notifications,
                checks, effects, factory, clock, watched, config, clearAtStart);
        links.attach(runtime, waiter, daemon::interfaceAppeared, daemon::addressChanged, daemon::interfaceIndex);
        daemon.socketRetry = loop.core().newTimer("VRRP socket retry", daemon::retrySockets);
        rehearseTakeover();
        loop.start();
        daemon.rehearsals = config.instances().values().stream().findFirst()
                .map(sample -> BurstRehearsal.start(config.instances().size(), effects, sample))
                .orElse(BurstRehearsal.NONE);
        return daemon;
    }

    /**
     * Runs the takeover path once on throw-away instances, so that the first real takeover finds its classes
     * loaded rather than loading them between Master_Down_Interval and its first advert. A failure here is a
     * bug but costs only that first takeover's speed: the daemon starts anyway.
     */
    private static void rehearseTakeover() {
        try {
            TakeoverRehearsal.run();
        } catch (RuntimeException e) {
            LOG.warn("bug: the takeover rehearsal failed; the first takeover may be a few ms slower", e);
        }
    }

    /**
     * Starts the elections of a daemon {@link #open opened} (after {@code vrrp_startup_delay}). As BACKUP
     * first: a VIP of ours left on the host (by a crash, by hand, or by the daemon this one replaces, which
     * must have resigned by now) goes first.
     */
    public void beginElections() {
        vips.ifPresent(work -> work.removeLeftovers(clearAtStart));
        loop.execute(this::scheduleSocketRetry);
        long delay = config.globalDefs().startupDelay().toNanos();
        loop.execute(() -> {
            if (delay == 0) {
                started = true;
                runtime.start();
            } else {
                LOG.info("vrrp_startup_delay: elections start in {} ms", TimeUnit.NANOSECONDS.toMillis(delay));
                loop.core().schedule(loop.core().newTimer("vrrp_startup_delay", () -> {
                    started = true;
                    runtime.start();
                }),
                        clock.nanoTime() + delay);
            }
        });
        LOG.info("hakeeperd running: {} instances, {} sync groups, {} sockets", config.instances().size(),
                config.syncGroups().size(), readers.size());
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
                registered.make("VIP backend", factory -> factory.create(emptySettings(), context)),
                registered.classLoader(), registered.pluginId())).or(() -> {
                    LOG.warn("no VIP backend type {} is loaded: VIPs will not be added", type);
                    return Optional.empty();
                });
    }

    private static Optional<AnnounceWork> announceWork(HakeeperConfig config, TypeRegistry registry,
                                                       PluginContext context) {
        String type = config.globalDefs().announcer();
        return registry.find(AnnouncerFactory.class, type).map(registered -> new AnnounceWork(
                registered.make("announcer", factory -> factory.create(emptySettings(), context)),
                registered.classLoader(), registered.pluginId(), new AnnouncePacing(config.globalDefs().garpInterval(),
                        config.globalDefs().gnaInterval()))).or(() -> {
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
        // the process priorities are applied in place (DaemonControl): changing them restarts nothing
        if (!now.globalDefs().withoutProcessPriorities().equals(next.globalDefs().withoutProcessPriorities())) {
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
            } catch (RuntimeException | LinkageError e) {
                done.completeExceptionally(e);
            }
        });
        done.get(5, TimeUnit.SECONDS);
    }

    /**
     * {@link #apply}'s work, on the loop thread. Every arriving instance is made before any running one is
     * touched: when making one fails (an auth plugin that throws), the exception leaves with every instance
     * as it was.
     */
    private void applyOnLoop(HakeeperConfig next, ReloadPlan plan) {
        List<InstanceFactory.Made> arriving = new ArrayList<>();
        try {
            for (String name : plan.arriving()) {
                arriving.add(factory.make(next.instances().get(name)));
            }
        } finally {
            // a socket opened on the way is the factory's, shared with later instances, and read from now on
            for (SocketReader reader : factory.readers().values()) {
                if (!readers.contains(reader)) {
                    readers.add(reader);
                }
            }
        }
        for (String name : plan.leaving()) {
            runtime.instances().stream().filter(i -> i.machine().parameters().name().equals(name))
                    .findFirst().ifPresent(instance -> {
                        runtime.remove(instance);
                        factory.forget(instance);
                        LOG.info("{}: reload: {}", instance.label(),
                                plan.removed().contains(name) ? "removed" : "changed; restarting");
                    });
        }
        for (InstanceFactory.Made made : arriving) {
            factory.enter(made);
            VrrpInstance instance = made.config();
            String name = instance.name();
            InstanceRuntime running = made.running();
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
        config = next;
        if (socketRetry != null) {
            scheduleSocketRetry();
        }
    }

    /**
     * An interface appeared that instances could not open their socket on at start: restart just those
     * instances, which opens the socket now; the others go on untouched. Loop thread.
     */
    private void interfaceAppeared(String interfaceName) {
        startWithoutSocket(interfaceName, "interface " + interfaceName + " appeared");
    }

    /** Restarts the instances on the interface that have no socket, which opens it now; {@code why} is logged. */
    private void startWithoutSocket(String interfaceName, String why) {
        if (!factory.socketMissingOn(interfaceName)) {
            return; // the common case, a link flap: no walk over the interface's instances
        }
        List<String> stuck = runtime.instancesOn(interfaceName).stream().filter(instance -> !instance.canSend())
                .map(instance -> instance.machine().parameters().name()).toList();
        if (stuck.isEmpty()) {
            return;
        }
        LOG.info("{}: starting {} on it", why, stuck);
        restart(stuck, why);
    }

    /** Restarts the named instances as a reload would (the others untouched); {@code why} is logged. */
    private void restart(List<String> names, String why) {
        try {
            applyOnLoop(config, new ReloadPlan(List.of(), names, List.of(), List.of()));
        } catch (RuntimeException e) {
            LOG.error("{}, but starting {} on it failed: {}", why, names, e.toString());
        }
    }

    /**
     * The link watch reported a watched interface's index ({@code 0}: it is gone). Sockets bound to
     * another index belong to an interface deleted since: they neither send nor hear, so they close and
     * the instances on the interface restart, which opens new ones on the interface there is now, or,
     * while there is none, leaves the instances in FAULT until {@link #interfaceAppeared}. Costs one look
     * at the sockets per notification, and work for the interface's instances only. Loop thread.
     */
    private void interfaceIndex(String interfaceName, int index) {
        List<SocketReader> stale = factory.staleSockets(interfaceName, index);
        if (stale.isEmpty()) {
            return;
        }
        List<String> on = runtime.instancesOn(interfaceName).stream()
                .map(instance -> instance.machine().parameters().name()).toList();
        String why = index == 0 ? "interface " + interfaceName + " was deleted"
                : "interface " + interfaceName + " was created again (index " + index + ")";
        List<String> inGroups = on.stream().filter(grouped::contains).toList();
        if (!inGroups.isEmpty()) {
            if (!staleSaid.add(interfaceName)) {
                return;
            }
            LOG.error("{}: its VRRP sockets stay bound to the interface that went, because {} belong to sync"
                    + " groups, which cannot restart one instance; restart hakeeperd", why, inGroups);
            return;
        }
        LOG.warn("{}: its VRRP sockets close; restarting {} on it", why, on);
        factory.dropSockets(stale);
        try {
            restart(on, why);
        } finally {
            for (SocketReader reader : stale) {
                readers.remove(reader);
                reader.close(waiter);
            }
        }
    }

    /** Arms the socket retry while some instance has no socket (after a start, a reload, a restart). */
    private void scheduleSocketRetry() {
        if (factory.anySocketMissing() && !socketRetry.isArmed()) {
            loop.core().schedule(socketRetry, clock.nanoTime() + socketRetryDelayNanos);
        }
    }

    /**
     * Tries each missing socket once and starts the instances waiting on those that open; the delay
     * doubles while some still fail (a missing CAP_NET_RAW will not mend itself), so the retry costs one
     * socket(2) per missing socket per period, never work per instance. Loop thread.
     */
    private void retrySockets() {
        for (String interfaceName : factory.retryMissingSockets()) {
            startWithoutSocket(interfaceName, "the VRRP socket on " + interfaceName + " opens now");
        }
        socketRetryDelayNanos = factory.anySocketMissing()
                ? Math.min(SOCKET_RETRY_MAX_NANOS, socketRetryDelayNanos * 2) : SOCKET_RETRY_FIRST_NANOS;
        scheduleSocketRetry();
    }

    /**
     * Whether an address is one of the configured VIPs (virtual_ipaddress or virtual_ipaddress_excluded) of
     * any instance: such an address is never an advert's source, even when a daemon that was killed left
     * it on the interface.
     */
    private static Predicate<byte[]> configuredVips(Collection<VrrpInstance> instances) {
        Set<ByteBuffer> vips = new HashSet<>();
        for (VrrpInstance instance : instances) {
            for (VirtualAddress vip : VipWork.addresses(instance)) {
                vips.add(ByteBuffer.wrap(vip.address().getAddress()));
            }
        }
        return address -> vips.contains(ByteBuffer.wrap(address));
    }

    /**
     * An address appeared on or went from a watched interface. IPv4: an instance that had nothing to send
     * from sends from the interface's primary address now; one whose address went sends from the next
     * primary, or is FAULT with nothing to send from. IPv6: a link-local address lets instances that could
     * not open their socket for want of one try again. Loop thread.
     */
    private void addressChanged(String interfaceName, boolean ipv4, byte[] address, boolean added) {
        if (!ipv4) {
            boolean linkLocal = (address[0] & 0xff) == 0xfe && (address[1] & 0xc0) == 0x80;
            if (added && linkLocal && links.isUp(interfaceName)) {
                startWithoutSocket(interfaceName, interfaceName + " has a link-local address now");
            }
            return;
        }
        PrimaryFollowers following = factory.followingPrimary(interfaceName);
        // a master adding its VIPs makes one event each, which concerns nobody: answered without a scan
        if (following == null || !following.mayConcern(added, address)) {
            return;
        }
        Optional<byte[]> primary = links.firstIpv4(interfaceName);
        List<InstanceRuntime> affected = null;
        for (InstanceRuntime instance : following.all()) {
            TransitionCause blocked = instance.machine().cannotSend();
            if (blocked == TransitionCause.NO_SOURCE_ADDRESS && primary.isPresent()
                    || blocked == null && !added && instance.sendsFrom(address)) {
                if (affected == null) {
                    affected = new ArrayList<>();
                }
                affected.add(instance);
            }
        }
        if (affected == null) {
            return;
        }
        following.changed();
        for (InstanceRuntime instance : affected) {
            TransitionCause blocked = instance.machine().cannotSend();
            if (blocked == TransitionCause.NO_SOURCE_ADDRESS && primary.isPresent()) {
                LOG.info("{}: {} has an address to send from now", instance.label(), interfaceName);
                runtime.canSendAgain(instance, primary.get());
            } else if (blocked == null && !added && instance.sendsFrom(address)) {
                if (primary.isPresent()) {
                    LOG.warn("{}: the address it sent from went from {}; it sends from the next one now",
                            instance.label(), interfaceName);
                    runtime.canSendAgain(instance, primary.get());
                } else {
                    LOG.error("{}: the address it sent from went from {}, which has none left", instance.label(),
                            interfaceName);
                    runtime.cannotSend(instance, TransitionCause.NO_SOURCE_ADDRESS);
                }
            }
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

    /** One per raw socket, for ha-admin stats. Loop thread only. */
    List<SocketReader> readers() {
        return List.copyOf(readers);
    }

    Optional<VipWork> vipWork() {
        return vips;
    }

    /**
     * Before this daemon stops for {@code next}: a VIP call of this daemon still running (a plugin deaf to
     * interrupts) may land after {@code next} placed the VIPs, and is then put right by {@code next}.
     */
    void handVipsTo(Daemon next) {
        vips.ifPresent(mine -> next.vips.ifPresent(mine::handOverTo));
    }

    Optional<AnnounceWork> announceWork() {
        return announcements;
    }

    /** Times the kernel dropped link notifications (each followed by a fresh dump). Loop thread only. */
    long linkNotificationsLost() {
        return links.lostNotificationCount();
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
        rehearsals.stop();
        loop.execute(resign);
        if (!resigned.await(RESIGN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            LOG.warn("the event loop did not resign the instances within {} ms", RESIGN_WAIT_MILLIS);
        }
        rehearsals.awaitStopped(REHEARSAL_STOP_MILLIS);
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
