package io.hakeeper.engine.config.model;

import java.util.OptionalLong;

import io.hakeeper.api.Settings;

/**
 * {@code [vrrp_track_file.NAME]}: a file holding a number that, multiplied by the weight, changes priority.
 *
 * @param initFile the value to create the file with when it does not exist at start
 * @param settings the whole table, as handed to the check type {@code file}, which reads it
 */
public record TrackFile(String name, String file, int weight, OptionalLong initFile, Settings settings) {
}
