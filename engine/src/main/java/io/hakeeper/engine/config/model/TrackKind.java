package io.hakeeper.engine.config.model;

import java.util.Optional;

/**
 * The four kinds of thing an instance or sync group tracks, each with its key, the section its names
 * refer to (none for interfaces) and keepalived's weight range for it (scripts and interfaces ±253, files
 * and processes ±254).
 */
public enum TrackKind {
    INTERFACE("track_interface", null, 253),
    SCRIPT("track_script", "vrrp_script", 253),
    FILE("track_file", "vrrp_track_file", 254),
    PROCESS("track_process", "vrrp_track_process", 254);

    private final String key;
    private final String definedIn;
    private final int maxWeight;

    TrackKind(String key, String definedIn, int maxWeight) {
        this.key = key;
        this.definedIn = definedIn;
        this.maxWeight = maxWeight;
    }

    /** The key in an instance or sync group: {@code track_script}. */
    public String key() {
        return key;
    }

    /** The section that defines the names ({@code vrrp_script}); empty for interfaces. */
    public Optional<String> definedIn() {
        return Optional.ofNullable(definedIn);
    }

    /** The largest weight magnitude keepalived accepts for this kind. */
    public int maxWeight() {
        return maxWeight;
    }
}
