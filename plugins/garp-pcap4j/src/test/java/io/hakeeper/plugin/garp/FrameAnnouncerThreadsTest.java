package io.hakeeper.plugin.garp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The announcer called by several threads at once, as the engine's VIP threads call it when many masters
 * take over together: sends on different interfaces run side by side, and a link that fails is replaced
 * once. The links here record frames instead of sending them; the wire is {@link AnnouncerOnTheWireTest}'s.
 */
class FrameAnnouncerThreadsTest {

    private static final byte[] MAC = {0x02, 0, 0, 0, 0, 0x0a};

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @FunctionalInterface
    private interface SendHook {
        void sending() throws IOException;
    }

    /** A link that records its frames, and runs a hook in each send (inside the link's own lock). */
    private static final class RecordingLink implements Link {
        final List<byte[]> frames = new ArrayList<>();
        final AtomicInteger closes = new AtomicInteger();
        final SendHook onSend;
        boolean open = true;

        RecordingLink(SendHook onSend) {
            this.onSend = onSend;
        }

        @Override
        public synchronized void send(byte[] frame) throws IOException {
            onSend.sending();
            frames.add(frame);
        }

        @Override
        public synchronized boolean isOpen() {
            return open;
        }

        @Override
        public synchronized void close() {
            open = false;
            closes.incrementAndGet();
        }
    }

    private static final class RecordingLinks implements Links {
        final List<RecordingLink> opened = new ArrayList<>();
        final SendHook onSend;

        RecordingLinks(SendHook onSend) {
            this.onSend = onSend;
        }

        @Override
        public synchronized Link open(String interfaceName) {
            RecordingLink link = new RecordingLink(onSend);
            opened.add(link);
            return link;
        }

        @Override
        public void warmUp() {
        }
    }

    @Test
    void sendsOnTwoInterfacesRunSideBySide() throws Exception {
        // each send waits until the other interface's send has begun too: taking turns would never get there
        CountDownLatch bothSending = new CountDownLatch(2);
        RecordingLinks links = new RecordingLinks(() -> {
            bothSending.countDown();
            try {
                if (!bothSending.await(10, TimeUnit.SECONDS)) {
                    throw new IOException("the other interface's send never began: the sends took turns");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        });
        FrameAnnouncer announcer = new FrameAnnouncer(links, name -> MAC);

        Future<?> first = threads.submit(() -> announce(announcer, "eth0", "192.0.2.10"));
        Future<?> second = threads.submit(() -> announce(announcer, "eth1", "192.0.2.11"));
        first.get(20, TimeUnit.SECONDS);
        second.get(20, TimeUnit.SECONDS);

        assertEquals(2, links.opened.size(), "one link per interface");
        for (RecordingLink link : links.opened) {
            assertEquals(1, link.frames.size());
            assertEquals(0, link.closes.get(), "no link was taken for stale");
        }
    }

    @Test
    void manyThreadsOnOneInterfaceSendEveryFrameOnOneLink() throws Exception {
        RecordingLinks links = new RecordingLinks(() -> { });
        FrameAnnouncer announcer = new FrameAnnouncer(links, name -> MAC);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String vip = "192.0.2." + (i % 200 + 1);
            calls.add(threads.submit(() -> announce(announcer, "eth0", vip)));
        }
        for (Future<?> call : calls) {
            call.get(20, TimeUnit.SECONDS);
        }
        assertEquals(1, links.opened.size(), "the first send's link is every later send's");
        assertEquals(400, links.opened.get(0).frames.size());
        assertEquals(AnnouncementFrames.ARP_FRAME_LENGTH, links.opened.get(0).frames.get(399).length);
    }

    @Test
    void aLinkThatFailsIsReplacedOnceAndTheFrameSentOnTheNext() throws Exception {
        AtomicInteger sends = new AtomicInteger();
        RecordingLinks links = new RecordingLinks(() -> {
            if (sends.getAndIncrement() == 0) {
                throw new IOException("No such device or address"); // the interface went and came back
            }
        });
        FrameAnnouncer announcer = new FrameAnnouncer(links, name -> MAC);

        announce(announcer, "eth0", "192.0.2.10");

        assertEquals(2, links.opened.size());
        RecordingLink stale = links.opened.get(0);
        RecordingLink fresh = links.opened.get(1);
        assertFalse(stale.isOpen());
        assertEquals(1, stale.closes.get());
        assertTrue(stale.frames.isEmpty());
        assertEquals(1, fresh.frames.size());

        announce(announcer, "eth0", "192.0.2.10");
        assertEquals(2, links.opened.size(), "the fresh link stays in use");
        assertEquals(2, fresh.frames.size());
    }

    private static Void announce(FrameAnnouncer announcer, String interfaceName, String vip) throws Exception {
        announcer.announce(interfaceName, List.of(InetAddress.getByName(vip)));
        return null;
    }
}
