package io.hakeeper.engine.vrrp;

import io.hakeeper.api.VrrpState;

/**
 * An event arrived that the machine cannot receive in its state (a timer in FAULT, say). The machine
 * ignores it and reports it, so that the loop logs it as a bug with the instance's identity instead of
 * the daemon crashing.
 */
public record SuspectedBug(String instance, VrrpState state, String what) implements Action {
}
