package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/hakeeper-demo, the README's first command, as a newcomer runs it. */
class DemoIT {

    private final Path demo = Tree.built().resolve("bin/hakeeper-demo");

    @Test
    void demoNamesTheElectedMasterTheTakeoverAndTheOutageThenLeavesNoNamespaceBehind(@TempDir Path dir)
            throws Exception {
        Requirements.requireRoot();
        for (String tool : List.of("ip", "tcpdump", "ping")) {
            Requirements.requireTool(tool);
        }
        Run run = Run.of(dir, List.of(demo.toString()));

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("elected master: node1 (priority 150"), run::toString);
        assertTrue(run.stdout().contains("node1 crashes"), run::toString);
        assertTrue(Pattern.compile("took over: +node[23] \\(priority 1[02]0\\); the first advert of a survivor \\d+ ms after node1 crashed")
                .matcher(run.stdout()).find(), run::toString);
        assertTrue(Pattern.compile("VIP outage: +\\d+ ms without an answer at the client").matcher(run.stdout()).find(),
                run::toString);
        assertTrue(run.stdout().contains("lab removed"), run::toString);
        // the lab names its namespaces hklab-<pid of its JVM>-...; the launcher execs that JVM
        String namespaces = Run.of(dir, List.of("ip", "netns", "list")).stdout();
        assertTrue(namespaces.lines().noneMatch(ns -> ns.startsWith("hklab-" + run.pid() + "-")),
                "the demo left namespaces behind:\n" + namespaces);
    }

    @Test
    void withoutRootTheDemoSaysSoAndExits2(@TempDir Path dir) throws Exception {
        Requirements.requireRoot(); // to become someone else
        Path setpriv = Requirements.requireTool("setpriv");
        Run run = Run.of(dir, List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                demo.toString()));
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("hakeeper-demo: needs root"), run::toString);
    }

    /** A finished process: the demo takes longer than {@link Command}'s limit on a busy two-core machine. */
    private record Run(long pid, int exitCode, String stdout, String stderr) {

        static Run of(Path dir, List<String> argv) throws IOException, InterruptedException {
            Path out = dir.resolve("stdout");
            Path err = dir.resolve("stderr");
            // from / rather than dir: a user switched to by setpriv may not enter the test's own directory
            Process process = new ProcessBuilder(argv).directory(Path.of("/").toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroy(); // SIGTERM: the demo's shutdown hook still removes its lab
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("still running after 180 s: " + argv + "\n" + Files.readString(out));
            }
            return new Run(process.pid(), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
