package io.hakeeper.engine.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.hakeeper.engine.config.TomlSettings.Element;
import io.hakeeper.engine.config.model.SyncGroup;
import io.hakeeper.engine.config.model.TrackKind;

/**
 * Reads {@code [vrrp_sync_group.NAME]}: its members must be defined instances, and an instance belongs to
 * at most one group (a group moves its members together; two groups would pull one instance two ways).
 */
final class SyncGroupReader {

    private SyncGroupReader() {
    }

    /**
     * @param instances  the defined instance names
     * @param memberships instance name to the path of the group that already claimed it; updated
     */
    static SyncGroup read(String name, SectionReader in, Set<String> instances, Map<String, String> memberships,
                          Definitions definitions) {
        KeyCheck.check(in.settings(), SyncGroupSchema.SECTION, in.log());
        List<String> members = new ArrayList<>();
        for (Element element : in.elements(SyncGroupSchema.GROUP)) {
            if (!(element.value() instanceof String member)) {
                in.log().error(element.position(), element.path(), "expected a vrrp_instance name, got "
                        + TomlSettings.describe(element.value()));
                continue;
            }
            members.add(member);
            if (!instances.contains(member)) {
                in.log().error(element.position(), element.path(), "expected the name of a [vrrp_instance.NAME]"
                        + " table, got \"" + member + "\"" + Suggestions.didYouMean(member, instances));
            } else if (memberships.containsKey(member)) {
                in.log().error(element.position(), element.path(), "expected each vrrp_instance in one sync group"
                        + " only, got " + member + " which is already in " + memberships.get(member));
            } else {
                memberships.put(member, in.settings().path());
            }
        }
        Map<TrackKind, List<String>> tracked = new EnumMap<>(TrackKind.class);
        for (TrackKind kind : TrackKind.values()) {
            List<String> names = new ArrayList<>();
            for (Element element : in.elements(SyncGroupSchema.SECTION.key(kind.key()).orElseThrow())) {
                if (element.value() instanceof String trackedName) {
                    definitions.refer(kind, trackedName, element.path(), element.position());
                    names.add(trackedName);
                } else {
                    in.log().error(element.position(), element.path(), "expected a name (a sync group's tracked"
                            + " objects have no weight), got " + TomlSettings.describe(element.value()));
                }
            }
            tracked.put(kind, names);
        }
        return new SyncGroup(name, members, tracked, InstanceReader.notifyCommands(in, definitions));
    }
}
