package io.hakeeper.engine.daemon;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.plugin.PluginCalls;

/**
 * Adds and removes an instance's VIPs and routes through the VIP backend plugin, off the event loop, on one
 * named thread so that an add and the remove that follows it are done in the order they were asked for.
 * A backend that throws is logged with the instance and goes on to the next job.
 */
final class VipWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VipWork.class);

    private final VipBackend backend;
    private final ClassLoader pluginLoader;
    private final String pluginId;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hakeeper-vip");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long failures;

    VipWork(VipBackend backend, ClassLoader pluginLoader, String pluginId) {
        this.backend = backend;
        this.pluginLoader = pluginLoader;
        this.pluginId = pluginId;
    }

    /** Backend calls that threw. */
    long failures() {
        return failures;
    }

    String pluginId() {
        return pluginId;
    }

    void add(String label, VrrpInstance instance) {
        worker.execute(() -> {
            for (VirtualAddress vip : addresses(instance)) {
                call(label, "add " + vip.cidr(), () -> backend.addAddress(deviceOf(vip, instance), vip));
            }
            for (VirtualRoute route : instance.virtualRoutes()) {
                call(label, "add route " + route.destination(), () -> backend.addRoute(route));
            }
        });
    }

    void remove(String label, VrrpInstance instance) {
        worker.execute(() -> {
            for (VirtualRoute route : instance.virtualRoutes()) {
                call(label, "remove route " + route.destination(), () -> backend.removeRoute(route));
            }
            for (VirtualAddress vip : addresses(instance)) {
                call(label, "remove " + vip.cidr(), () -> backend.removeAddress(deviceOf(vip, instance), vip));
            }
        });
    }

    /** Runs {@code next} once the jobs asked for before it are done (the announcement after the add). */
    void afterPending(Runnable next) {
        worker.execute(next);
    }

    /** The VIPs announced after becoming master: every address, in the adverts or excluded from them. */
    static List<InetAddress> announced(VrrpInstance instance) {
        List<InetAddress> all = new ArrayList<>();
        for (VirtualAddress vip : addresses(instance)) {
            all.add(vip.address());
        }
        return all;
    }

    private static List<VirtualAddress> addresses(VrrpInstance instance) {
        List<VirtualAddress> all = new ArrayList<>(instance.virtualAddresses());
        all.addAll(instance.excludedAddresses());
        return all;
    }

    private static String deviceOf(VirtualAddress vip, VrrpInstance instance) {
        return vip.device().orElse(instance.interfaceName());
    }

    private interface BackendCall {
        void run() throws Exception;
    }

    private void call(String label, String what, BackendCall call) {
        try {
            PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
                call.run();
                return null;
            });
        } catch (Exception e) {
            failures++;
            LOG.error("{}: {} failed in VIP backend plugin {}: {}", label, what, pluginId, e.toString());
        }
    }

    /** Lets the jobs in hand finish, at most {@code millis}; a removal at shutdown must not be cut short. */
    void drain(long millis) throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
            LOG.warn("VIP backend still busy after {} ms at shutdown; exiting anyway", millis);
        }
    }

    @Override
    public void close() throws Exception {
        worker.shutdownNow();
        PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
            backend.close();
            return null;
        });
    }
}
