package io.hakeeper.distribution;

import java.util.regex.Pattern;

import io.hakeeper.engine.lab.LabProcess;

/** Debian's keepalived running in a lab node, in the foreground, VRRP only, logging to the console. */
record Keepalived(LabProcess process) implements LabRouter {

    /** {@code (VI_1) Entering MASTER STATE}, keepalived's line per transition (its first: "... STATE (init)"). */
    private static final Pattern TRANSITION = Pattern.compile("\\((?<instance>\\S+)\\) Entering (?<state>BACKUP|MASTER|FAULT) STATE");

    @Override
    public Pattern transitionLine() {
        return TRANSITION;
    }

    @Override
    public String toString() {
        return "keepalived on " + node().name();
    }
}
