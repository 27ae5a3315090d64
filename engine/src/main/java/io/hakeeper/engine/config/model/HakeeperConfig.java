package io.hakeeper.engine.config.model;

import java.util.Map;

/**
 * A whole validated hakeeper.toml. Maps keep the order the tables were written in.
 */
public record HakeeperConfig(GlobalDefs globalDefs, Map<String, VrrpScript> scripts,
                             Map<String, TrackFile> trackFiles, Map<String, TrackProcess> trackProcesses,
                             Map<String, VrrpInstance> instances, Map<String, SyncGroup> syncGroups) {

    public HakeeperConfig {
        scripts = Ordered.copy(scripts);
        trackFiles = Ordered.copy(trackFiles);
        trackProcesses = Ordered.copy(trackProcesses);
        instances = Ordered.copy(instances);
        syncGroups = Ordered.copy(syncGroups);
    }
}
