package io.hakeeper.engine.track;

import io.hakeeper.api.Check;
import io.hakeeper.engine.config.model.TrackKind;

/**
 * A check made by its plugin, ready to run: what it is called, how it is scheduled, and which plugin it
 * belongs to (for logs, counters and the thread's context class loader).
 *
 * @param kind the section it was configured in: a vrrp_script, a vrrp_track_file or a vrrp_track_process
 *             (names are unique only within one section)
 */
public record RunnableCheck(TrackKind kind, String name, CheckSchedule schedule, String pluginId,
                            ClassLoader classLoader, Check check) {
}
