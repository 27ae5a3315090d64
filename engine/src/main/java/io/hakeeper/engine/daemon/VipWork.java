package io.hakeeper.engine.daemon;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    long failures() {
        return failures;
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

    /**
     * At start, before any instance is master: removes those of the instances' VIPs that are on the host
     * (left by a crash, or added by hand), listing each interface once instead of trying every VIP — with
     * 1,000 instances, a few listings rather than thousands of backend calls. The VIPs of an interface that
     * cannot be listed are removed one by one, as {@link #remove} does.
     *
     * @param byLabel the instances, by the label their log lines carry
     */
    void removeLeftovers(Map<String, VrrpInstance> byLabel) {
        worker.execute(() -> {
            Map<String, Optional<Set<InetAddress>>> presentByDevice = new HashMap<>();
            byLabel.forEach((label, instance) -> {
                for (VirtualRoute route : instance.virtualRoutes()) {
                    call(label, "remove route " + route.destination(), () -> backend.removeRoute(route));
                }
                for (VirtualAddress vip : addresses(instance)) {
                    String device = deviceOf(vip, instance);
                    Optional<Set<InetAddress>> present = presentByDevice.computeIfAbsent(device, this::present);
                    if (present.isEmpty() || present.get().contains(vip.address())) {
                        call(label, "remove " + vip.cidr(), () -> backend.removeAddress(device, vip));
                    }
                }
            });
        });
    }

    /** The addresses on the device, or empty when the backend cannot say. */
    private Optional<Set<InetAddress>> present(String device) {
        try {
            return Optional.of(PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
                Set<InetAddress> addresses = new HashSet<>();
                backend.listAddresses(device).forEach(address -> addresses.add(address.address()));
                return addresses;
            }));
        } catch (Exception e) {
            LOG.warn("{}: VIP backend plugin {} cannot list the addresses ({}); removing every VIP one by one",
                    device, pluginId, e.toString());
            return Optional.empty();
        }
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
