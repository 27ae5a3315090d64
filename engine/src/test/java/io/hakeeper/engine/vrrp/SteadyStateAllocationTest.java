package io.hakeeper.engine.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;

/**
 * The steady state allocates nothing: a backup hearing its master, a master's advert timer firing, and a
 * master ignoring lower-priority adverts inside its answer limit. Measured with the JVM's per-thread
 * allocation counter over 100,000 events after warm-up.
 */
class SteadyStateAllocationTest {

    private static final long INTERVAL = 1_000_000_000L;
    private static final int EVENTS = 100_000;

    private final ActionBuffer out = new ActionBuffer();
    private final ReusableAdvert advert = new ReusableAdvert();
    private long now;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocatedBytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** What reading the counter itself costs, so that only the machine's allocations are compared with 0. */
    private static long measuringCost() {
        long cost = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long before = allocatedBytes();
            cost = Math.min(cost, allocatedBytes() - before);
        }
        return cost;
    }

    private InstanceMachine machine(int priority) {
        return new InstanceMachine(new InstanceParameters("VI_1", 3, 1, priority, 100, false, 0,
                new byte[] {10, 0, 0, 1}, false, List.of()), out);
    }

    private void backupHearsItsMaster(InstanceMachine backup, int times) {
        for (int i = 0; i < times; i++) {
            now += INTERVAL;
            backup.onAdvert(advert, now);
            out.clear();
        }
    }

    private void masterSendsAndIgnoresLowerAdverts(InstanceMachine master, int times) {
        for (int i = 0; i < times; i++) {
            now = master.nextDeadlineNanos();
            master.onTimer(now);
            master.onAdvert(advert, now + 1);
            master.onAdvert(advert, now + 2);
            out.clear();
        }
    }

    /** Warms {@code work} up, then returns what {@code EVENTS} rounds of it allocated. */
    private static long allocatedBy(IntConsumer work) {
        work.accept(20_000);
        long before = allocatedBytes();
        work.accept(EVENTS);
        return allocatedBytes() - before - measuringCost();
    }

    @Test
    void backupHearingItsMasterAllocatesNothing() {
        InstanceMachine backup = machine(100);
        backup.onStart(now);
        advert.set(200, new byte[] {10, 0, 0, 2});

        long allocated = allocatedBy(times -> backupHearsItsMaster(backup, times));

        assertEquals(VrrpState.BACKUP, backup.state());
        assertEquals(0, allocated, "bytes allocated over " + EVENTS + " adverts");
    }

    @Test
    void masterSendingAdvertsAndAnsweringLowerOnesAllocatesNothing() {
        InstanceMachine master = machine(255);
        master.onStart(now);
        advert.set(50, new byte[] {10, 0, 0, 2});

        long allocated = allocatedBy(times -> masterSendsAndIgnoresLowerAdverts(master, times));

        assertEquals(VrrpState.MASTER, master.state());
        assertEquals(0, allocated, "bytes allocated over " + EVENTS + " timer firings and " + 2 * EVENTS + " adverts");
    }
}
