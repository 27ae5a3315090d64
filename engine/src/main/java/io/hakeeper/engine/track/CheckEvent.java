package io.hakeeper.engine.track;

import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.vrrp.TrackedStatus;

/**
 * A tracked check changed: delivered on the event loop whenever a check's tracker state or value changes.
 *
 * @param value    the value of a value check (vrrp_track_file); 0 for the others
 * @param lastLine what the last run said: a script's last output line, a reason for failing
 */
public record CheckEvent(TrackKind kind, String name, TrackedStatus state, long value, String lastLine) {
}
