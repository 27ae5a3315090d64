package io.hakeeper.engine.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A spinning worker leaves the CPU the event loop last ran on for as long as it spins, and gets the loop's
 * CPU set back after: read from the kernel's own account of each thread ({@code Cpus_allowed_list}).
 */
@EnabledOnOs(OS.LINUX)
class AwayFromLoopTest {

    @Test
    void theSpinnerLeavesTheLoopsCpuWhileItSpinsAndGetsTheLoopsSetBackAfter() throws Exception {
        List<Integer> all = allowedCpus();
        assumeTwoCpus(all);
        AwayFromLoop placement = new AwayFromLoop();
        placement.warmUp();
        CountDownLatch noted = new CountDownLatch(1);
        CountDownLatch spun = new CountDownLatch(1);
        Thread loop = new Thread(() -> {
            placement.noteLoop();
            noted.countDown();
            awaitQuietly(spun); // alive, as the event loop is: its CPU set is read back after the spin
        });
        loop.start();
        assertTrue(noted.await(5, TimeUnit.SECONDS));
        int loopCpu = placement.loopCpu();
        assertTrue(all.contains(loopCpu), "the loop's CPU was not noted: " + loopCpu);

        AtomicReference<List<Integer>> whileSpinning = new AtomicReference<>();
        AtomicReference<List<Integer>> after = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread spinner = new Thread(() -> {
            try {
                placement.spinning();
                whileSpinning.set(allowedCpus());
                placement.spun();
                after.set(allowedCpus());
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        spinner.start();
        spinner.join();
        spun.countDown();
        loop.join();

        assertEquals(null, failed.get());
        assertFalse(whileSpinning.get().contains(loopCpu),
                "the spinner may still run on the loop's CPU " + loopCpu + ": " + whileSpinning.get());
        assertEquals(all.size() - 1, whileSpinning.get().size(), "the spinner lost more than the loop's CPU");
        assertEquals(all, after.get(), "the spinner did not get the loop's CPU set back");
    }

    @Test
    void aSpinnerWhoseLoopIsGoneGetsItsOwnSetBack() throws Exception {
        List<Integer> all = allowedCpus();
        assumeTwoCpus(all);
        AwayFromLoop placement = new AwayFromLoop();
        Thread loop = new Thread(placement::noteLoop);
        loop.start();
        loop.join();
        AtomicReference<List<Integer>> after = new AtomicReference<>();
        Thread spinner = new Thread(() -> {
            placement.spinning();
            placement.spun();
            try {
                after.set(allowedCpus());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        spinner.start();
        spinner.join();
        assertEquals(all, after.get(), "the spinner stayed away from a CPU after its spin");
    }

    /** With one CPU allowed there is nowhere else to go, and the placement rightly does nothing. */
    private static void assumeTwoCpus(List<Integer> allowed) {
        if (allowed.size() < 2) {
            System.err.println("AwayFromLoopTest: SKIPPED, one CPU allowed here; a placement needs two");
            assertFalse("true".equals(System.getenv("CI")), "CI has two CPUs: this test must run there");
            Assumptions.abort("one CPU allowed");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The calling thread's CPUs, as the kernel lists them. */
    private static List<Integer> allowedCpus() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                List<Integer> cpus = new ArrayList<>();
                for (String range : line.substring(line.indexOf(':') + 1).trim().split(",")) {
                    String[] ends = range.split("-");
                    int first = Integer.parseInt(ends[0]);
                    int last = ends.length > 1 ? Integer.parseInt(ends[1]) : first;
                    for (int cpu = first; cpu <= last; cpu++) {
                        cpus.add(cpu);
                    }
                }
                return cpus;
            }
        }
        throw new IllegalStateException("no Cpus_allowed_list in /proc/thread-self/status");
    }
}
