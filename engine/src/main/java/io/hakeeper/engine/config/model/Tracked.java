package io.hakeeper.engine.config.model;

/**
 * One entry of an instance's track_interface / track_script / track_file / track_process.
 *
 * @param name    the interface, or the name of the vrrp_script / vrrp_track_file / vrrp_track_process
 * @param weight  the weight in effect: the entry's own, else the tracked table's, else 0
 * @param reverse whether the priority adjustment goes the other direction (keepalived: turns the weight's sign)
 */
public record Tracked(String name, int weight, boolean reverse) {
}
