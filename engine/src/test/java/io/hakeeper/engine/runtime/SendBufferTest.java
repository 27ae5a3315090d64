package io.hakeeper.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.loop.LatenessTracker;
import io.hakeeper.engine.loop.LoopCore;
import io.hakeeper.engine.net.AdvertTransport;
import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.ReceiveExpectations;
import io.hakeeper.engine.vrrp.ReceiveLedger;
import io.hakeeper.engine.vrrp.packet.AdvertChecksum;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;
import io.hakeeper.engine.vrrp.packet.VrrpWire;

/**
 * Every instance writes its adverts into the loop's one send buffer: an advert longer than the one sent
 * before it must still go out whole, with its own length and a checksum that holds.
 */
class SendBufferTest {

    private static final long SECOND = 1_000_000_000L;

    private long now = SECOND;
    private final LoopCore loop = new LoopCore(new LatenessTracker(Long.MAX_VALUE));
    private final VrrpRuntime runtime = new VrrpRuntime(loop, () -> now, new ActionBuffer(), new NoSideEffects());

    @Test
    void advertsOfDifferentLengthsEachGoOutWholeFromTheSharedBuffer() throws Exception {
        // a short IPv4 advert (one VIP) sent first, then a longer IPv6 one (three VIPs), then again
        Recorded short4 = new Recorded();
        Recorded long6 = new Recorded();
        InstanceRuntime master4 = owner(Family.IPV4, 51, List.of("192.0.2.51"), "192.0.2.11", "224.0.0.18", short4);
        InstanceRuntime master6 = owner(Family.IPV6, 52, List.of("2001:db8::1", "2001:db8::2", "2001:db8::3"),
                "fe80::11", "ff02::12", long6);

        runtime.start();
        now += SECOND;
        loop.runDue(now);

        assertEquals(0, loop.failures(), "a send threw on the loop");
        assertEquals(VrrpState.MASTER, master4.machine().state());
        assertEquals(VrrpState.MASTER, master6.machine().state());
        assertEquals(2, short4.adverts.size());
        assertEquals(2, long6.adverts.size());
        for (byte[] advert : short4.adverts) {
            assertWhole(advert, VrrpWire.messageLength(3, 1, 4), "192.0.2.11", "224.0.0.18", 4);
        }
        for (byte[] advert : long6.adverts) {
            assertWhole(advert, VrrpWire.messageLength(3, 3, 16), "fe80::11", "ff02::12", 16);
        }
    }

    private static void assertWhole(byte[] advert, int length, String from, String to, int addressLength)
            throws Exception {
        assertEquals(length, advert.length, "the advert's length");
        assertTrue(AdvertChecksum.isValid(ByteBuffer.wrap(advert), 0, advert.length, 3,
                InetAddress.getByName(from).getAddress(), InetAddress.getByName(to).getAddress(), addressLength,
                false), "the advert's checksum");
    }

    private InstanceRuntime owner(Family family, int vrid, List<String> vipNames, String own, String group,
                                  AdvertTransport transport) throws Exception {
        List<InetAddress> vips = new ArrayList<>();
        for (String vip : vipNames) {
            vips.add(InetAddress.getByName(vip));
        }
        byte[] source = InetAddress.getByName(own).getAddress();
        String name = "VI_" + vrid;
        InstanceMachine machine = new InstanceMachine(new InstanceParameters(name, 3, vrid,
                InstanceParameters.OWNER_PRIORITY, 100, false, 0, source, false, List.of()), runtime.actions());
        InstanceRuntime instance = new InstanceRuntime(name, "eth0", machine,
                new ReceiveExpectations(3, family, vrid, 100, Optional.empty(), vips, List.of(), false, false, false,
                        false),
                new ReceiveLedger(name, machine.counters(), SECOND),
                new AdvertEncoder(new AdvertSpec(3, family, vrid, 100, vips, false), Optional.empty()), transport,
                source, InetAddress.getByName(group).getAddress(), new byte[0][]);
        runtime.add(instance);
        return instance;
    }

    /** Keeps a copy of every payload it is handed, position to limit. */
    private static final class Recorded implements AdvertTransport {
        final List<byte[]> adverts = new ArrayList<>();

        @Override
        public IoStatus send(ByteBuffer payload, byte[] destination, byte[] source) {
            byte[] copy = new byte[payload.remaining()];
            payload.get(payload.position(), copy);
            adverts.add(copy);
            return IoStatus.DONE;
        }
    }
}
