package io.hakeeper.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.CommandResult;
import io.hakeeper.engine.lab.HostCommands;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.NamespaceLab;
import io.hakeeper.engine.testsupport.Requirements;

/**
 * The link watch inside a lab node's namespace, against the kernel's real notifications: the first dump,
 * the node's link taken down and up, the switch end of its cable pulled (carrier), an interface that
 * appears and goes, an address added. A thread of its own polls and drains the watch, as the event loop
 * will, and stamps every event with the time it was drained.
 */
class LinkWatchTest {

    private static final String PROBE = "probe0";
    private static final long LINK_DOWN_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static NamespaceLab lab;
    private static LabNode node;

    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    /** What {@link #await} took off the queue, in order. */
    private final List<Seen> taken = new ArrayList<>();
    private LinkWatch watch;
    private Thread drainer;
    private volatile boolean stopping;

    /** What one event said, copied out of the reused view, and when it was drained. */
    record Seen(long nanos, String what, LinkEvent.Kind kind, String name, int index, boolean up, boolean adminUp,
            boolean running, int operState, boolean fromDump, InetAddress address) {
    }

    @BeforeAll
    static void buildLab() {
        Requirements.requireRoot();
        Requirements.requireTool("ip");
        Requirements.requireTool("sysctl");
        lab = NamespaceLab.create(1);
        node = lab.node(1);
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void openWatch() throws Exception {
        watch = NetworkNamespace.call(node.namespace(), () -> LinkWatch.open(List.of(node.interfaceName(), PROBE), true));
        drainer = new Thread(this::drainUntilStopped, "link-watch-drainer");
        drainer.start();
        await("the first dump to end", event -> event.what.equals("dumped"), 2000);
    }

    @AfterEach
    void closeWatch() throws InterruptedException {
        stopping = true;
        if (drainer != null) {
            drainer.join(2000);
        }
        if (watch != null) {
            watch.close();
        }
    }

    @Test
    void theFirstDumpReportsEth0UpAndAWatchedNameThatIsNotThereAsAbsent() {
        List<Seen> dumped = List.copyOf(taken);

        Seen eth0 = find(dumped, event -> event.kind == LinkEvent.Kind.NEW && node.interfaceName().equals(event.name));
        assertTrue(eth0.fromDump && eth0.up && eth0.index > 0, eth0::toString);
        Seen probe = find(dumped, event -> PROBE.equals(event.name));
        assertEquals(LinkEvent.Kind.ABSENT, probe.kind, probe::toString);
        assertTrue(probe.fromDump);
        assertNotNull(find(dumped, event -> "lo".equals(event.name) && event.kind == LinkEvent.Kind.NEW),
                "unwatched interfaces are reported too");
    }

    @Test
    void linkDownIsReportedWithin100MillisecondsAndLinkUpAsUpAgain() {
        seen.clear();
        long start = System.nanoTime();
        lab.linkDown(node);
        long commandDone = System.nanoTime();
        try {
            Seen down = await("eth0 down", event -> isEth0(event) && event.kind == LinkEvent.Kind.NEW && !event.up, 1000);
            long latency = down.nanos - start;
            System.out.printf("link watch: eth0 down reported %.1f ms after 'ip link set down' was started, %.1f ms"
                    + " after it returned (%s)%n", latency / 1e6, (down.nanos - commandDone) / 1e6, down.what);
            assertFalse(down.adminUp);
            assertFalse(down.fromDump);
            assertTrue(latency < LINK_DOWN_BUDGET_NANOS, "link down reported after " + latency / 1e6 + " ms");
        } finally {
            long upStart = System.nanoTime();
            lab.linkUp(node);
            Seen up = await("eth0 up", event -> isEth0(event) && event.up, 2000);
            System.out.printf("link watch: eth0 up (UP, RUNNING) reported %.1f ms after 'ip link set up' was started%n",
                    (up.nanos - upStart) / 1e6);
        }
    }

    @Test
    void theSwitchEndGoingDownTakesEth0sCarrierButNotItsAdminUp() {
        seen.clear();
        long start = System.nanoTime();
        switchPort("down");
        try {
            Seen noCarrier = await("eth0 without carrier",
                    event -> isEth0(event) && event.kind == LinkEvent.Kind.NEW && !event.running, 1000);
            System.out.printf("link watch: eth0 lost carrier %.1f ms after its switch port was set down (%s)%n",
                    (noCarrier.nanos - start) / 1e6, noCarrier.what);
            assertTrue(noCarrier.adminUp, "eth0 itself is still administratively up");
            assertFalse(noCarrier.up);
            // DOWN here (kernel 6.18); kernels that tell a stacked device apart say LOWERLAYERDOWN
            assertTrue(noCarrier.operState == LinkEvent.OPER_DOWN
                    || noCarrier.operState == LinkEvent.OPER_LOWER_LAYER_DOWN, noCarrier::what);
        } finally {
            switchPort("up");
            await("eth0 carrier back", event -> isEth0(event) && event.up, 2000);
        }
    }

    @Test
    void anInterfaceThatAppearsIsReportedNewAndDeletedWhenItGoes() {
        seen.clear();
        try {
            lab.exec(node, "ip", "link", "add", PROBE, "type", "veth", "peer", "name", "probe1").orThrow();

            Seen appeared = await("probe0 to appear", event -> PROBE.equals(event.name)
                    && event.kind == LinkEvent.Kind.NEW, 1000);
            assertFalse(appeared.fromDump);
            assertFalse(appeared.up, "a new veth is down until set up");
            assertTrue(appeared.index > 0);

            lab.exec(node, "ip", "link", "del", PROBE).orThrow();

            Seen deleted = await("probe0 to be deleted", event -> PROBE.equals(event.name)
                    && event.kind == LinkEvent.Kind.DELETED, 1000);
            assertEquals(appeared.index, deleted.index);
        } finally {
            lab.exec(node, "ip", "link", "del", PROBE); // already gone when the test passed
        }
    }

    @Test
    void anAddressAddedToEth0IsReportedWithItsInterfaceName() throws Exception {
        seen.clear();
        InetAddress extra = InetAddress.getByName("192.0.2.99");
        lab.exec(node, "ip", "address", "add", "192.0.2.99/24", "dev", node.interfaceName()).orThrow();
        try {
            Seen added = await("192.0.2.99 on eth0", event -> extra.equals(event.address)
                    && event.what.startsWith("address added"), 1000);
            assertEquals(node.interfaceName(), added.name);
        } finally {
            lab.exec(node, "ip", "address", "del", "192.0.2.99/24", "dev", node.interfaceName());
        }
        await("192.0.2.99 gone", event -> extra.equals(event.address) && event.what.startsWith("address removed"), 1000);
    }

    private void drainUntilStopped() {
        try (Poller poller = new Poller(1)) {
            poller.add(watch.fd());
            drainUntilStopped(poller);
        }
    }

    private void drainUntilStopped(Poller poller) {
        LinkListener listener = new LinkListener() {
            @Override
            public void link(LinkEvent event) {
                seen.add(new Seen(System.nanoTime(), event.toString(), event.kind(), event.name(), event.index(),
                        event.isUp(), event.adminUp(), event.running(), event.operState(), event.fromDump(), null));
            }

            @Override
            public void address(AddressEvent event) {
                seen.add(new Seen(System.nanoTime(), event.toString(), null, event.name(), event.index(), false, false,
                        false, LinkEvent.OPER_NOT_GIVEN, event.fromDump(), event.address()));
            }

            @Override
            public void linksDumped() {
                seen.add(new Seen(System.nanoTime(), "dumped", null, null, 0, false, false, false,
                        LinkEvent.OPER_NOT_GIVEN, true, null));
            }
        };
        while (!stopping) {
            poller.poll(20);
            if (watch.drain(listener) == IoStatus.FAILED) {
                seen.add(new Seen(System.nanoTime(), "failed: " + watch.lastError(), null, null, 0, false, false,
                        false, LinkEvent.OPER_NOT_GIVEN, false, null));
                return;
            }
        }
    }

    /** Takes events off the queue until one matches; fails, with all that came instead, after {@code millis}. */
    private Seen await(String what, Predicate<Seen> match, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        StringBuilder instead = new StringBuilder();
        try {
            for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                Seen event = seen.poll(left, TimeUnit.MILLISECONDS);
                if (event == null) {
                    break;
                }
                taken.add(event);
                if (match.test(event)) {
                    return event;
                }
                instead.append("\n  ").append(event.what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no event for " + what + " within " + millis + " ms; came instead:" + instead);
    }

    private static Seen find(List<Seen> events, Predicate<Seen> match) {
        return events.stream().filter(match).findFirst()
                .orElseThrow(() -> new AssertionError("not among " + events.stream().map(Seen::what).toList()));
    }

    private static boolean isEth0(Seen event) {
        return node.interfaceName().equals(event.name);
    }

    private static void switchPort(String state) {
        CommandResult result = HostCommands.run(List.of("ip", "-n", lab.switchNamespace(), "link", "set",
                node.switchPort(), state));
        assertTrue(result.succeeded(), result::describe);
    }
}
