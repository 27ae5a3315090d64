package io.hakeeper.engine.notify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.Notifier;
import io.hakeeper.api.NotifierFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Transition;
import io.hakeeper.engine.config.HostName;
import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.plugin.RegisteredType;
import io.hakeeper.engine.plugin.TypeRegistry;

/**
 * Hands every transition from the event loop to the notifiers attached to its instance or group.
 *
 * <p>{@link #submit} is called on the loop thread and never blocks: it queues the transition on each of
 * the subject's notifier lanes ({@link NotifierLane}), each a single named thread that delivers in
 * submission order with a timeout per call. Order is therefore strict per notifier and per subject, where
 * keepalived, forking a process per notify, guarantees none. A notifier that throws or hangs is logged with
 * its plugin id and counted ({@link #stats}); the loop, other subjects and other notifiers go on.
 *
 * <p>{@link #close} delivers what is pending, within a bound, then closes each notifier on its own lane,
 * so that the STOP transitions the engine submits at shutdown run notify_stop before the daemon exits.
 */
public final class NotificationDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final List<NotifierLane> lanes;
    private final Map<NotifySubject, List<NotifierLane>> lanesBySubject = new HashMap<>();
    private final ScheduledExecutorService watchdog;
    private final DeliveryLimits limits;
    private volatile boolean closed;

    private NotificationDispatcher(List<Attached> attached, DeliveryLimits limits) {
        this.limits = limits;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hakeeper-notify-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        List<NotifierLane> all = new ArrayList<>();
        for (Attached a : attached) {
            NotifierLane lane = new NotifierLane(a.spec(), a.pluginId(), a.loader(), a.notifier(), watchdog, limits);
            all.add(lane);
            a.spec().subjects().forEach(subject -> lanesBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(lane));
        }
        this.lanes = List.copyOf(all);
    }

    /** A notifier that already exists, with the plugin it came from: what the dispatcher delivers to. */
    public record Attached(NotifierSpec spec, String pluginId, ClassLoader loader, Notifier notifier) {
    }

    /**
     * Creates the notifiers a validated configuration asks for ({@link NotifierSpecs}) through the loaded
     * plugins' factories, and starts delivering. A notifier type no loaded plugin provides, or a factory
     * that refuses its settings, is logged and left out: notifications must not keep the daemon from
     * running VRRP.
     */
    public static NotificationDispatcher start(HakeeperConfig config, String fileName, Path configDirectory,
                                               TypeRegistry registry, DeliveryLimits limits) {
        String routerId = config.globalDefs().routerId().orElseGet(HostName::get);
        List<NotifierSpec> specs = NotifierSpecs.from(config, fileName, limits.callTimeout(), "hakeeper@" + HostName.get());
        List<Attached> attached = new ArrayList<>();
        for (NotifierSpec spec : specs) {
            create(spec, registry, new PluginContext(spec.contextName(), routerId, configDirectory))
                    .ifPresent(attached::add);
        }
        return new NotificationDispatcher(attached, limits);
    }

    /** Delivers to notifiers made elsewhere (tests, or a caller with its own wiring). */
    public static NotificationDispatcher of(List<Attached> attached, DeliveryLimits limits) {
        return new NotificationDispatcher(attached, limits);
    }

    private static Optional<Attached> create(NotifierSpec spec, TypeRegistry registry, PluginContext context) {
        Optional<RegisteredType<NotifierFactory>> type = registry.find(NotifierFactory.class, spec.type());
        if (type.isEmpty()) {
            LOG.warn("{}: no loaded plugin provides the notifier type {}; available: {}. These notifications are off.",
                    spec.contextName(), spec.type(), registry.types(NotifierFactory.class));
            return Optional.empty();
        }
        RegisteredType<NotifierFactory> registered = type.get();
        try {
            Notifier notifier = registered.call(factory -> factory.create(spec.settings(), context));
            LOG.info("notifier {} ({}) for {} attached to {}", spec.type(), registered.pluginId(), spec.contextName(),
                    spec.subjects());
            return Optional.of(new Attached(spec, registered.pluginId(), registered.classLoader(), notifier));
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("notifier {} ({}) for {} could not be created; these notifications are off: {}", spec.type(),
                    registered.pluginId(), spec.contextName(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * Queues a transition for every notifier of its subject. Called on the event loop; never blocks.
     * After {@link #close}, transitions are dropped and counted.
     */
    public void submit(Transition transition) {
        List<NotifierLane> targets = lanesBySubject.get(NotifySubject.of(transition));
        if (targets == null) {
            return;
        }
        for (NotifierLane lane : targets) {
            lane.offer(transition);
        }
    }

    /** Each notifier's counters, in the order they were configured. */
    public List<NotifierStats> stats() {
        return lanes.stream().map(NotifierLane::stats).toList();
    }

    /**
     * Delivers what is pending, then closes every notifier, all within {@link DeliveryLimits#closeTimeout()};
     * a notifier still busy at the bound is interrupted and its remaining transitions counted as dropped.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        lanes.forEach(NotifierLane::finish);
        long deadline = System.nanoTime() + limits.closeTimeout().toNanos();
        boolean interrupted = false;
        for (NotifierLane lane : lanes) {
            try {
                if (!lane.awaitFinished(Math.max(0, deadline - System.nanoTime()))) {
                    lane.abandon();
                }
            } catch (InterruptedException e) {
                interrupted = true;
                lane.abandon();
            }
        }
        watchdog.shutdownNow();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
