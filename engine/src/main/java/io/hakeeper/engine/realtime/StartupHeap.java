package io.hakeeper.engine.realtime;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Lets the heap grow fast while the configuration is read, and hands the growth back once before the
 * elections begin. Reading 1,000 instances builds some 20 MiB of parse trees that are garbage a moment
 * later; with the steady free ratios (the heap grows by a tenth when a collection leaves it nearly full)
 * that took ~20 full and ~100 young collections, a third of the start. So the launcher starts the JVM with
 * generous ratios and names the steady ones in {@value #PROPERTY} ({@code MIN,MAX}); {@link #settle} sets
 * them (both are manageable flags) and collects once, which shrinks the heap to the live set plus the
 * steady margin. Nothing waits on the event loop then: no instance has started.
 *
 * <p>The management bean that sets the flags takes ~15 ms to make (its classes load and link), so
 * {@link #prepare} makes it on a thread of its own while the configuration is read, as the libc binding is.
 */
public final class StartupHeap {

    /** The system property naming the steady {@code MinHeapFreeRatio,MaxHeapFreeRatio}. */
    public static final String PROPERTY = "hakeeper.steadyHeapFreeRatios";

    private static final Logger LOG = LoggerFactory.getLogger("hakeeper");
    private static final long BEAN_WAIT_MILLIS = 2_000;
    private static volatile CompletableFuture<HotSpotDiagnosticMXBean> bean;

    private StartupHeap() {
    }

    /** Makes the management bean in the background when the launcher asks for steady ratios; returns at once. */
    public static void prepare() {
        String wanted = System.getProperty(PROPERTY);
        if (wanted == null || wanted.isBlank() || bean != null) {
            return;
        }
        CompletableFuture<HotSpotDiagnosticMXBean> making = new CompletableFuture<>();
        bean = making;
        // a daemon thread: a daemon that exits early (bad configuration) must not wait for it
        Thread thread = new Thread(() -> {
            try {
                making.complete(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class));
            } catch (RuntimeException | LinkageError e) {
                making.completeExceptionally(e);
            }
        }, "hakeeper-heap-bean");
        thread.setDaemon(true);
        thread.start();
    }

    /** Applies the steady ratios and collects once; nothing when the property is unset (not launched by us). */
    public static void settle() {
        String wanted = System.getProperty(PROPERTY);
        if (wanted == null || wanted.isBlank()) {
            return;
        }
        String[] ratios = wanted.split(",");
        try {
            if (ratios.length != 2) {
                throw new IllegalArgumentException("expected MIN,MAX");
            }
            int min = Integer.parseInt(ratios[0].trim());
            int max = Integer.parseInt(ratios[1].trim());
            if (min < 0 || max > 100 || min > max) {
                throw new IllegalArgumentException("expected 0 <= MIN <= MAX <= 100");
            }
            HotSpotDiagnosticMXBean vm = bean();
            // MinHeapFreeRatio <= MaxHeapFreeRatio must hold after each of the two changes
            if (min <= Integer.parseInt(vm.getVMOption("MaxHeapFreeRatio").getValue())) {
                vm.setVMOption("MinHeapFreeRatio", Integer.toString(min));
                vm.setVMOption("MaxHeapFreeRatio", Integer.toString(max));
            } else {
                vm.setVMOption("MaxHeapFreeRatio", Integer.toString(max));
                vm.setVMOption("MinHeapFreeRatio", Integer.toString(min));
            }
        } catch (RuntimeException | LinkageError | ExecutionException | TimeoutException e) {
            LOG.warn("-D{}={}: the start-up heap is not handed back: {}", PROPERTY, wanted, e.toString());
            return;
        }
        // the one explicit collection: it is what makes the heap shrink to the ratios just set
        System.gc();
    }

    private static HotSpotDiagnosticMXBean bean() throws ExecutionException, TimeoutException {
        CompletableFuture<HotSpotDiagnosticMXBean> made = bean;
        if (made == null) {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        }
        try {
            return made.get(BEAN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }
}
