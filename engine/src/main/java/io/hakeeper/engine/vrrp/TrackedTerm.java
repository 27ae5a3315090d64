package io.hakeeper.engine.vrrp;

/**
 * One tracked item's part in an instance's effective priority, as ha-admin shows it.
 *
 * @param weight what it adds now (0 when it adds nothing, or when it demands FAULT)
 * @param fault  whether it demands FAULT
 */
public record TrackedTerm(TrackedItem item, TrackedStatus status, int weight, boolean fault) {
}
