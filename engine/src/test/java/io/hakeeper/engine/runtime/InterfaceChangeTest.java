package io.hakeeper.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteBuffer;
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
import io.hakeeper.engine.vrrp.TransitionCause;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;

/** Link changes reach the instances on that interface, and never revive one that cannot send. */
class InterfaceChangeTest {

    private long now;
    private final VrrpRuntime runtime = new VrrpRuntime(new LoopCore(new LatenessTracker(Long.MAX_VALUE)),
            () -> now, new ActionBuffer(), new NoSideEffects());

    @Test
    void linkDownIsFaultAndLinkUpIsBackupAgain() throws Exception {
        InstanceRuntime instance = instance(sending(true));
        runtime.start();
        runtime.onInterfaceChange("eth0", false);
        assertEquals(VrrpState.FAULT, instance.machine().state());
        runtime.onInterfaceChange("eth0", true);
        assertEquals(VrrpState.BACKUP, instance.machine().state());
    }

    @Test
    void anInstanceWithoutASocketStaysInFaultWhenItsLinkComesUp() throws Exception {
        InstanceRuntime instance = instance(sending(false));
        // as the daemon builds it: the machine is told why it cannot send, apart from its link
        instance.machine().onCannotSend(TransitionCause.NO_SOCKET, now);
        instance.machine().onInterfaceChange(false, now);
        runtime.start();
        runtime.onInterfaceChange("eth0", true);
        assertEquals(VrrpState.FAULT, instance.machine().state());
    }

    @Test
    void aChangeOfAnotherInterfaceLeavesTheInstanceAlone() throws Exception {
        InstanceRuntime instance = instance(sending(true));
        runtime.start();
        runtime.onInterfaceChange("eth1", false);
        assertEquals(VrrpState.BACKUP, instance.machine().state());
    }

    @Test
    void anAdvertTheSendBufferHadNoRoomForIsCountedAsNotSent() throws Exception {
        AdvertTransport full = new AdvertTransport() {
            @Override
            public boolean usable() {
                return true;
            }

            @Override
            public IoStatus send(ByteBuffer payload, byte[] destination, byte[] source) {
                return IoStatus.WOULD_BLOCK;
            }
        };
        InstanceRuntime owner = instance(full, InstanceParameters.OWNER_PRIORITY);
        runtime.start(); // an address owner is master at once and advertises
        assertEquals(VrrpState.MASTER, owner.machine().state());
        assertEquals(1, owner.sendFailures());
    }

    private InstanceRuntime instance(AdvertTransport transport) throws Exception {
        return instance(transport, 100);
    }

    private InstanceRuntime instance(AdvertTransport transport, int priority) throws Exception {
        InetAddress vip = InetAddress.getByName("192.0.2.50");
        byte[] source = InetAddress.getByName("192.0.2.11").getAddress();
        InstanceMachine machine = new InstanceMachine(new InstanceParameters("VI_1", 3, 51, priority, 10, false, 0,
                source, false, List.of()), runtime.actions());
        InstanceRuntime instance = new InstanceRuntime("VI_1", "eth0", machine,
                new ReceiveExpectations(3, Family.IPV4, 51, 10, Optional.empty(), List.of(vip), List.of(), false,
                        false, false, false),
                new ReceiveLedger("VI_1", machine.counters(), 1), new AdvertEncoder(new AdvertSpec(3, Family.IPV4,
                        51, 10, List.of(vip), false), Optional.empty()), transport, source,
                InetAddress.getByName("224.0.0.18").getAddress(), new byte[0][]);
        runtime.add(instance);
        return instance;
    }

    private static AdvertTransport sending(boolean usable) {
        return new AdvertTransport() {
            @Override
            public boolean usable() {
                return usable;
            }

            @Override
            public IoStatus send(ByteBuffer payload, byte[] destination, byte[] source) {
                return usable ? IoStatus.DONE : IoStatus.FAILED;
            }
        };
    }
}
