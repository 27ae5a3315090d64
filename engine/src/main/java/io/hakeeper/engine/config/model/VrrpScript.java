package io.hakeeper.engine.config.model;

import java.time.Duration;
import java.util.Optional;

import io.hakeeper.api.Settings;

/**
 * {@code [vrrp_script.NAME]}: a health check of some type, with the engine's common keys resolved.
 *
 * @param type     the check type: {@code script} for a {@code script = "..."} table
 * @param settings the whole table, as handed to the type's factory
 * @param timeout  how long one run may take (the interval when not written)
 * @param weight   priority change; 0 means a failure puts the instance in FAULT
 * @param user     who the script runs as, when not the global script_user
 */
public record VrrpScript(String name, String type, Settings settings, Duration interval, Duration timeout,
                         int weight, int rise, int fall, Optional<RunAs> user, boolean initFail) {
}
