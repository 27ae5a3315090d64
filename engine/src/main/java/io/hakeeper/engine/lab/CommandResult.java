package io.hakeeper.engine.lab;

import java.util.List;

/** What a finished command left behind: its argv, exit code and both outputs. */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {

    public CommandResult {
        argv = List.copyOf(argv);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Returns this result when the command succeeded, or throws with everything needed to see why not. */
    public CommandResult orThrow() {
        if (!succeeded()) {
            throw new LabException(describe());
        }
        return this;
    }

    /** The command and its outcome on one line, for failure messages. */
    public String describe() {
        return String.join(" ", argv) + " -> exit " + exitCode
                + (stderr.isBlank() ? "" : ", stderr: " + stderr.strip())
                + (stdout.isBlank() ? "" : ", stdout: " + stdout.strip());
    }
}
