package io.hakeeper.engine.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.Transition;
import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.NotifyCommands;
import io.hakeeper.engine.config.model.SyncGroup;
import io.hakeeper.engine.config.model.TrackKind;

/** A sync group built from its configuration, and the transitions it reports of itself. */
class SyncGroupMachineTest {

    private final ActionBuffer out = new ActionBuffer();

    private InstanceMachine machine(String name) {
        return new InstanceMachine(new InstanceParameters(name, 3, 1, 100, 100, false, 0, new byte[] {10, 0, 0, 1},
                false, List.of()), out);
    }

    @Test
    void groupFromConfigurationJoinsItsMembersAndTracksItsOwnItems() {
        Map<String, InstanceMachine> machines = Map.of("VI_1", machine("VI_1"), "VI_2", machine("VI_2"));
        SyncGroup config = new SyncGroup("G", List.of("VI_1", "VI_2"), Map.of(TrackKind.INTERFACE, List.of("eth9")),
                new NotifyCommands(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), false));
        SyncGroupMachine group = SyncGroupMachine.from(config, machines::get, out);
        group.onTrackedChange(TrackKind.INTERFACE, "eth9", TrackedStatus.UP, 0);
        machines.get("VI_1").onStart(0);
        machines.get("VI_2").onStart(0);
        assertEquals(VrrpState.BACKUP, group.state());
        out.clear();

        group.onTrackedChange(TrackKind.INTERFACE, "eth9", TrackedStatus.DOWN, 5);

        assertEquals(VrrpState.FAULT, machines.get("VI_1").state());
        assertEquals(VrrpState.FAULT, machines.get("VI_2").state());
        StateChange last = (StateChange) out.action(out.size() - 1);
        assertEquals(Transition.Subject.GROUP, last.subject());
        assertEquals("G", last.name());
        assertEquals(VrrpState.BACKUP, last.from());
        assertEquals(VrrpState.FAULT, last.to());
        assertEquals(null, out.source(out.size() - 1), "a group's own transition belongs to no instance");
    }
}
