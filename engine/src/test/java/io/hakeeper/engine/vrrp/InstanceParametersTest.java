package io.hakeeper.engine.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.InitialState;
import io.hakeeper.engine.config.model.NotifyCommands;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.Tracked;
import io.hakeeper.engine.config.model.VrrpInstance;

/** From what the operator wrote to what the machine runs on. */
class InstanceParametersTest {

    private static final byte[] ADDRESS = {10, 0, 0, 1};

    private static VrrpInstance config(InitialState state, int priority) {
        return new VrrpInstance("VI_1", state, "eth0", false,
                Map.of(TrackKind.SCRIPT, List.of(new Tracked("chk", -20, false))), Optional.empty(), Optional.empty(),
                List.of(), false, Family.IPV4, 3, 51, priority, Duration.ofMillis(500), Optional.empty(), List.of(),
                List.of(), List.of(), true, Duration.ofSeconds(30),
                new GarpTiming(Duration.ofSeconds(5), 5, Duration.ZERO, 0, Duration.ZERO, 1),
                new NotifyCommands(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), false));
    }

    @Test
    void stateMasterOnANonOwnerOnlySwitchesNopreemptAndPreemptDelayOff() {
        InstanceParameters p = InstanceParameters.from(config(InitialState.MASTER, 100), ADDRESS);
        assertFalse(p.nopreempt());
        assertEquals(0, p.preemptDelayNanos());

        InstanceMachine machine = new InstanceMachine(p, new ActionBuffer());
        machine.onTrackedChange(TrackKind.SCRIPT, "chk", TrackedStatus.UP, 0);
        machine.onStart(0);
        assertEquals(VrrpState.BACKUP, machine.state(), "it still starts as a backup and wins by election");
    }

    @Test
    void stateBackupKeepsNopreemptAndPreemptDelay() {
        InstanceParameters p = InstanceParameters.from(config(InitialState.BACKUP, 100), ADDRESS);
        assertTrue(p.nopreempt());
        assertEquals(30_000_000_000L, p.preemptDelayNanos());
        assertEquals(50, p.advertIntervalCentiseconds());
        assertEquals(List.of(new TrackedItem(TrackKind.SCRIPT, "chk", -20, false)), p.tracked());
        assertEquals(51, p.virtualRouterId());
    }

    @Test
    void priority255IsTheAddressOwner() {
        assertTrue(InstanceParameters.from(config(InitialState.BACKUP, 255), ADDRESS).addressOwner());
        assertFalse(InstanceParameters.from(config(InitialState.MASTER, 254), ADDRESS).addressOwner());
    }
}
