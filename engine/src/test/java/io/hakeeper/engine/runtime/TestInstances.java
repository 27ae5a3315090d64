package io.hakeeper.engine.runtime;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.net.AdvertTransport;
import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.ReceiveExpectations;
import io.hakeeper.engine.vrrp.ReceiveLedger;
import io.hakeeper.engine.vrrp.TrackedItem;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;

/**
 * VRRPv3 IPv4 instances on eth0 (advert_int 1 s unless given, one VIP), added to a runtime under test; sends
 * go nowhere.
 */
final class TestInstances {

    private static final long SECOND = 1_000_000_000L;

    private TestInstances() {
    }

    static InstanceRuntime add(VrrpRuntime runtime, String name, int vrid, int priority, List<TrackedItem> tracked)
            throws Exception {
        return add(runtime, name, vrid, priority, 100, tracked);
    }

    static InstanceRuntime add(VrrpRuntime runtime, String name, int vrid, int priority, int advertCentis,
                               List<TrackedItem> tracked) throws Exception {
        InetAddress vip = InetAddress.getByName("192.0.2." + vrid);
        byte[] source = InetAddress.getByName("192.0.2.11").getAddress();
        InstanceMachine machine = new InstanceMachine(new InstanceParameters(name, 3, vrid, priority, advertCentis, false, 0,
                source, false, tracked), runtime.actions());
        InstanceRuntime instance = new InstanceRuntime(name, "eth0", machine,
                new ReceiveExpectations(3, Family.IPV4, vrid, advertCentis, Optional.empty(), List.of(vip), List.of(), false,
                        false, false, false),
                new ReceiveLedger(name, machine.counters(), SECOND), new AdvertEncoder(new AdvertSpec(3, Family.IPV4,
                        vrid, advertCentis, List.of(vip), false), Optional.empty()), new Sent(), source,
                InetAddress.getByName("224.0.0.18").getAddress(), new byte[0][]);
        runtime.add(instance);
        return instance;
    }

    private static final class Sent implements AdvertTransport {
        @Override
        public IoStatus send(ByteBuffer payload, byte[] destination, byte[] source) {
            return IoStatus.DONE;
        }
    }
}
