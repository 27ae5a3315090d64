package io.hakeeper.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

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
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;

/**
 * The instances of one loop encode their adverts into one buffer: adverts of different lengths, sent one
 * after the other, each go out whole and with their own addresses, whatever the one before left in it.
 */
class SharedSendBufferTest {

    private static final long CENTISECOND = 10_000_000L;
    private static final int INTERVAL_CS = 10;

    private long now;
    private final LoopCore loop = new LoopCore(new LatenessTracker(Long.MAX_VALUE));
    private final VrrpRuntime runtime = new VrrpRuntime(loop, () -> now, new ActionBuffer(), new NoSideEffects());

    @Test
    void adverts_of_different_lengths_from_one_loop_each_go_out_whole() throws Exception {
        Recording wire = new Recording();
        owner("VI_SHORT", 51, 1, wire);
        owner("VI_LONG", 52, 20, wire);
        owner("VI_MID", 53, 5, wire);
        runtime.start();
        for (int i = 0; i < 3; i++) {
            now += INTERVAL_CS * CENTISECOND;
            loop.runDue(now);
        }

        List<String> expected = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int[] advert : wire.adverts) {
            int vrid = advert[0];
            int addresses = vrid == 51 ? 1 : vrid == 52 ? 20 : 5;
            // a VRRPv3 IPv4 message: 8 bytes of header, then 4 per address, the last one 192.0.2.<count>
            expected.add("VRID " + vrid + ": " + (8 + 4 * addresses) + " bytes, " + addresses + " addresses, last .."
                    + addresses);
            seen.add("VRID " + vrid + ": " + advert[1] + " bytes, " + advert[2] + " addresses, last .." + advert[3]);
        }
        assertEquals(expected, seen);
        assertEquals(Set.of(51, 52, 53), wire.adverts.stream().map(advert -> advert[0]).collect(Collectors.toSet()),
                "every owner advertised");
    }

    private void owner(String name, int vrid, int addressCount, AdvertTransport transport) throws Exception {
        List<InetAddress> vips = new ArrayList<>();
        for (int i = 1; i <= addressCount; i++) {
            vips.add(InetAddress.getByName("192.0.2." + i));
        }
        byte[] source = InetAddress.getByName("198.51.100.1").getAddress();
        InstanceMachine machine = new InstanceMachine(new InstanceParameters(name, 3, vrid, 255, INTERVAL_CS, false,
                0, source, false, List.of()), runtime.actions());
        ReceiveExpectations expectations = new ReceiveExpectations(3, Family.IPV4, vrid, INTERVAL_CS,
                Optional.empty(), vips, List.of(), false, false, false, false);
        AdvertEncoder encoder = new AdvertEncoder(new AdvertSpec(3, Family.IPV4, vrid, INTERVAL_CS, vips, false),
                Optional.empty());
        byte[] group = InetAddress.getByName("224.0.0.18").getAddress();
        runtime.add(new InstanceRuntime(name, "eth0", machine, expectations,
                new ReceiveLedger(name, machine.counters(), 10_000_000_000L), encoder, transport, source, group,
                new byte[0][]));
    }

    /** Reads each advert as the wire would carry it: VRID, length, address count, last address's last byte. */
    private static final class Recording implements AdvertTransport {
        final List<int[]> adverts = new ArrayList<>();

        @Override
        public IoStatus send(ByteBuffer payload, byte[] destination, byte[] source) {
            int start = payload.position();
            int length = payload.remaining();
            adverts.add(new int[] {payload.get(start + 1) & 0xff, length, payload.get(start + 3) & 0xff,
                payload.get(start + length - 1) & 0xff});
            return IoStatus.DONE;
        }
    }
}
