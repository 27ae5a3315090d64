package io.hakeeper.engine.vrrp;

/** What the engine knows of a tracked interface, script, file or process (of a check: after rise and fall). */
public enum TrackedStatus {
    /** No result yet: neither adds nor subtracts a weight, but a weight-0 item in this state means FAULT. */
    INITIALISING,
    UP,
    DOWN
}
