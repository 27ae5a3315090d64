package io.hakeeper.engine.lab;

import java.nio.file.Path;

/**
 * A long-running command started inside a lab namespace (a daemon, a ping loop). The lab kills it when it
 * closes; {@code output} holds what it printed on stdout and stderr, for a failing test to show.
 */
public record LabProcess(LabNode node, Process process, Path output) {
}
