package io.hakeeper.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.runtime.InstanceRuntime;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.ReceiveExpectations;
import io.hakeeper.engine.vrrp.ReceiveLedger;
import io.hakeeper.engine.vrrp.TransitionCause;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;

/**
 * An address event concerns the instances following an interface's primary only when one waits for an
 * address, or, for a removal, sends from the address removed; any other (a VIP's) is answered without a
 * look at each.
 */
class PrimaryFollowersTest {

    private static final byte[] PRIMARY = address("192.0.2.11");
    private static final byte[] OLD_PRIMARY = address("192.0.2.12");
    private static final byte[] VIP = address("192.0.2.100");

    private final PrimaryFollowers followers = new PrimaryFollowers();

    @Test
    void aVipAddedOrRemovedConcernsNobody() {
        for (int vrid = 1; vrid <= 250; vrid++) {
            followers.add(instance(vrid, PRIMARY));
        }
        assertFalse(followers.mayConcern(true, VIP));
        assertFalse(followers.mayConcern(false, VIP));
        assertFalse(followers.mayConcern(true, PRIMARY), "a new address wakes nobody who has one");
    }

    @Test
    void theRemovalOfAnAddressSomeoneSendsFromConcernsThem() {
        followers.add(instance(1, PRIMARY));
        followers.add(instance(2, OLD_PRIMARY));
        assertTrue(followers.mayConcern(false, PRIMARY));
        assertTrue(followers.mayConcern(false, OLD_PRIMARY));
        assertFalse(followers.mayConcern(false, VIP));
    }

    @Test
    void anyAddressConcernsAnInstanceWaitingForOne() {
        InstanceRuntime waiting = instance(1, PRIMARY);
        followers.add(instance(2, PRIMARY));
        assertFalse(followers.mayConcern(true, VIP));
        waiting.machine().onCannotSend(TransitionCause.NO_SOURCE_ADDRESS, 0);
        followers.add(waiting);
        assertTrue(followers.mayConcern(true, VIP));
        assertTrue(followers.mayConcern(false, VIP));
    }

    @Test
    void theSummaryIsMadeAgainOnceOneOfThemChanged() {
        InstanceRuntime one = instance(1, PRIMARY);
        followers.add(one);
        assertFalse(followers.mayConcern(true, VIP));
        one.machine().onCannotSend(TransitionCause.NO_SOURCE_ADDRESS, 0);
        followers.changed();
        assertTrue(followers.mayConcern(true, VIP));
        followers.remove(one);
        assertTrue(followers.isEmpty());
        assertFalse(followers.mayConcern(true, VIP));
    }

    private static InstanceRuntime instance(int vrid, byte[] source) {
        String name = "VI_" + vrid;
        InetAddress vip = inet("198.51.100." + vrid);
        InstanceMachine machine = new InstanceMachine(new InstanceParameters(name, 3, vrid, 100, 100, false, 0,
                source, false, List.of()), new ActionBuffer());
        return new InstanceRuntime(name, "eth0", machine,
                new ReceiveExpectations(3, Family.IPV4, vrid, 100, Optional.empty(), List.of(vip), List.of(), false,
                        false, false, false),
                new ReceiveLedger(name, machine.counters(), 1_000_000_000L),
                new AdvertEncoder(new AdvertSpec(3, Family.IPV4, vrid, 100, List.of(vip), false), Optional.empty()),
                (ByteBuffer payload, byte[] destination, byte[] from) -> IoStatus.DONE, source,
                address("224.0.0.18"), new byte[0][]);
    }

    private static byte[] address(String text) {
        return inet(text).getAddress();
    }

    private static InetAddress inet(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
