package io.hakeeper.engine.config.model;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import io.hakeeper.api.Settings;

/**
 * {@code [vrrp_track_process.NAME]}: a process that must be running.
 *
 * @param process    the process name followed by the parameters to match, if any
 * @param paramMatch how parameters are matched, when {@code process} has any
 * @param quorumMax  the most processes that still count as running; empty means no limit
 * @param delay      how long a change must last before it counts
 * @param settings   the whole table, as handed to the check type {@code process}, which reads it
 */
public record TrackProcess(String name, List<String> process, ParamMatch paramMatch, int weight, int quorum,
                           OptionalInt quorumMax, Duration delay, Settings settings) {

    public TrackProcess {
        process = List.copyOf(process);
    }
}
