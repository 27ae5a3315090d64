package io.hakeeper.engine.track;

/** What the engine believes of a check, after rise and fall have had their say. */
public enum TrackerState {
    /** No result yet; an instance tracking it with weight 0 waits for the first. */
    INIT,
    UP,
    DOWN
}
