package io.hakeeper.engine.daemon;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.Announcer;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.plugin.PluginCalls;

/**
 * When gratuitous ARPs and unsolicited NAs go out, as keepalived times them: a set of
 * {@code garp_master_repeat} on becoming master, a second set after {@code garp_master_delay}, refreshes
 * every {@code garp_master_refresh} while master, and {@code garp_lower_prio_*} sets in answer to a
 * lower-priority advert. The messages of one set are {@code vrrp_garp_interval} apart. The announcer
 * plugin sends; this class only schedules, on its own named thread, never on the event loop.
 */
final class AnnounceWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnnounceWork.class);

    private final Announcer announcer;
    private final ClassLoader pluginLoader;
    private final String pluginId;
    private final Duration spacing;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hakeeper-announce");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, List<ScheduledFuture<?>>> scheduled = new ConcurrentHashMap<>();
    /**
     * Per instance, whether it is still the master its announcements are for. A set already running when
     * the instance steps down stops before its next message: a GARP from a former master would point
     * clients at the wrong MAC.
     */
    private final Map<String, AtomicBoolean> mastership = new ConcurrentHashMap<>();
    private volatile long failures;

    AnnounceWork(Announcer announcer, ClassLoader pluginLoader, String pluginId, Duration spacing) {
        this.announcer = announcer;
        this.pluginLoader = pluginLoader;
        this.pluginId = pluginId;
        this.spacing = spacing;
    }

    long failures() {
        return failures;
    }

    /** Opens what the announcer needs on the interface now rather than at the first takeover. */
    void prepare(String interfaceName) {
        scheduler.execute(() -> {
            try {
                PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
                    announcer.announce(interfaceName, List.of());
                    return null;
                });
            } catch (Exception e) {
                LOG.warn("{}: announcer plugin {} could not prepare the interface: {}", interfaceName, pluginId,
                        e.toString());
            }
        });
    }

    void becameMaster(String label, VrrpInstance instance) {
        cancel(label);
        mastership.put(label, new AtomicBoolean(true));
        GarpTiming timing = instance.garp();
        List<InetAddress> addresses = VipWork.announced(instance);
        List<ScheduledFuture<?>> futures = new ArrayList<>();
        futures.add(later(label, instance, addresses, timing.masterRepeat(), Duration.ZERO));
        if (!timing.masterDelay().isZero()) {
            futures.add(later(label, instance, addresses, timing.masterRepeat(), timing.masterDelay()));
        }
        if (!timing.masterRefresh().isZero()) {
            long period = timing.masterRefresh().toNanos();
            futures.add(scheduler.scheduleAtFixedRate(
                    () -> set(label, instance, addresses, timing.masterRefreshRepeat()), period, period,
                    TimeUnit.NANOSECONDS));
        }
        scheduled.put(label, futures);
    }

    void heardLowerPriority(String label, VrrpInstance instance) {
        if (!isMaster(label)) {
            return;
        }
        GarpTiming timing = instance.garp();
        if (timing.lowerPrioRepeat() == 0) {
            return;
        }
        List<InetAddress> addresses = VipWork.announced(instance);
        later(label, instance, addresses, timing.lowerPrioRepeat(), Duration.ZERO);
        if (!timing.lowerPrioDelay().isZero()) {
            later(label, instance, addresses, timing.lowerPrioRepeat(), timing.lowerPrioDelay());
        }
    }

    /** Left master: no more refreshes or second sets for these addresses. */
    void cancel(String label) {
        AtomicBoolean master = mastership.remove(label);
        if (master != null) {
            master.set(false);
        }
        List<ScheduledFuture<?>> futures = scheduled.remove(label);
        if (futures != null) {
            futures.forEach(future -> future.cancel(false));
        }
    }

    private boolean isMaster(String label) {
        AtomicBoolean master = mastership.get(label);
        return master != null && master.get();
    }

    private ScheduledFuture<?> later(String label, VrrpInstance instance, List<InetAddress> addresses, int count,
                                     Duration delay) {
        return scheduler.schedule(() -> set(label, instance, addresses, count), delay.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /**
     * One set of {@code count} messages. A message that fails is logged and the set goes on: an announcer
     * whose handle went stale across a link flap reopens it on the next call, and the remaining messages
     * are what tells clients the VIP has moved.
     */
    private void set(String label, VrrpInstance instance, List<InetAddress> addresses, int count) {
        AtomicBoolean master = mastership.get(label);
        for (int i = 0; i < count && master != null && master.get(); i++) {
            try {
                if (i > 0 && !spacing.isZero()) {
                    Thread.sleep(spacing.toMillis(), spacing.toNanosPart() % 1_000_000);
                }
                PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
                    announcer.announce(instance.interfaceName(), addresses);
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures++;
                LOG.error("{}: announcing {} failed in announcer plugin {}: {}", label, addresses, pluginId,
                        e.toString());
            }
        }
    }

    @Override
    public void close() throws Exception {
        scheduler.shutdownNow();
        PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
            announcer.close();
            return null;
        });
    }
}
