package io.hakeeper.engine.track;

import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.vrrp.TrackedStatus;

/**
 * One check as {@code ha-admin checks} shows it: its state and its counters since start.
 *
 * @param runs     runs started
 * @param failures runs that ended down, timed out or threw
 * @param timeouts runs interrupted at their timeout
 * @param errors   runs in which the plugin threw
 * @param overruns times a run was due while the previous one, timed out, had still not returned
 */
public record CheckStatus(TrackKind kind, String name, String pluginId, TrackedStatus state, long value,
                          String lastLine, long runs, long failures, long timeouts, long errors, long overruns) {
}
