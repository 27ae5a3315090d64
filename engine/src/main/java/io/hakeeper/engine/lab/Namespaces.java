package io.hakeeper.engine.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The few {@code ip netns} operations the lab needs, each one process with an argv list. */
final class Namespaces {

    private Namespaces() {
    }

    static void add(String namespace) {
        HostCommands.run(List.of("ip", "netns", "add", namespace)).orThrow();
    }

    /** Every network namespace {@code ip netns} knows, by name. */
    static List<String> list() {
        List<String> names = new ArrayList<>();
        for (String line : HostCommands.run(List.of("ip", "netns", "list")).orThrow().stdout().split("\n")) {
            // lines read "NAME" or "NAME (id: N)"
            String name = line.strip().split("\\s+", 2)[0];
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The argv that runs {@code argv} inside {@code namespace}. */
    static List<String> inside(String namespace, List<String> argv) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(argv);
        return full;
    }

    /**
     * Starts {@code argv} inside {@code namespace} without waiting for it; stdin is empty, and stdout and
     * stderr go together to {@code output}, so the process never blocks on a pipe nobody reads.
     */
    static Process spawn(String namespace, List<String> argv, Path output) throws IOException {
        return new ProcessBuilder(inside(namespace, argv))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(output.toFile())
                .redirectErrorStream(true)
                .start();
    }

    /**
     * Kills whatever still runs inside the namespace, then deletes it. The kill comes first because a
     * process left inside keeps the namespace (and its veth ends, and the addresses on them) alive after
     * its name is gone.
     *
     * @return the failure, or null when the namespace is gone
     */
    static String delete(String namespace) {
        CommandResult pids = HostCommands.run(List.of("ip", "netns", "pids", namespace));
        if (pids.succeeded()) {
            pids.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).forEach(pid ->
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
        }
        CommandResult deleted = HostCommands.run(List.of("ip", "netns", "delete", namespace));
        return deleted.succeeded() ? null : deleted.describe();
    }
}
