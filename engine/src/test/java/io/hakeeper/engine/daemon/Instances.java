package io.hakeeper.engine.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.hakeeper.api.VirtualAddress;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.InitialState;
import io.hakeeper.engine.config.model.NotifyCommands;
import io.hakeeper.engine.config.model.VrrpInstance;

/** Configured instances for the daemon's unit tests: IPv4, VRRPv3 on eth0, one VIP. */
final class Instances {

    private Instances() {
    }

    static VrrpInstance withVip(String name, int vrid, String vip, Duration interval, GarpTiming garp) {
        NotifyCommands none = new NotifyCommands(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false);
        return new VrrpInstance(name, InitialState.BACKUP, "eth0", false, Map.of(), Optional.empty(),
                Optional.empty(), List.of(), false, Family.IPV4, 3, vrid, 100, interval, Optional.empty(),
                List.of(new VirtualAddress(address(vip), 24, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty())), List.of(), List.of(), false, Duration.ZERO, garp, none);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
