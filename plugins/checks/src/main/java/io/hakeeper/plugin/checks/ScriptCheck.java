package io.hakeeper.plugin.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;

/**
 * Runs one script to completion: exit status 0 is up, anything else down with the status and the last line
 * the script printed. Output (stdout and stderr together) goes to a private file rather than a pipe, so a
 * chatty script never blocks on a full pipe and waiting stays interruptible.
 *
 * <p>When the engine interrupts a run (its timeout), the whole process tree is killed and the run ends with
 * the interruption.
 */
final class ScriptCheck implements Check {

    private final ScriptUser user;
    private final Path program;
    private final List<String> arguments;
    private Path output;

    ScriptCheck(ScriptUser user, Path program, List<String> arguments) {
        this.user = user;
        this.program = program;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public CheckResult run() throws IOException, InterruptedException {
        if (output == null) {
            output = Files.createTempFile("hakeeper-script-", ".out");
        }
        List<String> command = new ArrayList<>(user.commandPrefix());
        command.add(program.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            ProcessTree.kill(process.toHandle());
            throw e;
        }
        String last = OutputTail.lastLine(output);
        if (status == 0) {
            return CheckResult.up(last);
        }
        return CheckResult.down("exit status " + status + (last.isEmpty() ? "" : ": " + last));
    }

    @Override
    public void close() throws IOException {
        if (output != null) {
            Files.deleteIfExists(output);
        }
    }
}
