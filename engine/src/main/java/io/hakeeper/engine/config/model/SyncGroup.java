package io.hakeeper.engine.config.model;

import java.util.List;
import java.util.Map;


/**
 * {@code [vrrp_sync_group.NAME]}: instances that change state together.
 *
 * @param members the instance names
 * @param tracked the names tracked by the group, by kind; any failing puts the group in FAULT
 */
public record SyncGroup(String name, List<String> members, Map<TrackKind, List<String>> tracked,
                        NotifyCommands notifyCommands) {

    public SyncGroup {
        members = List.copyOf(members);
        tracked = Map.copyOf(tracked);
    }
}
