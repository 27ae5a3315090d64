package io.hakeeper.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program of the assembled tree as a user would, and captures what it says. */
final class Command {

    record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final List<String> argv = new ArrayList<>();
    private Path directory = Path.of(System.getProperty("java.io.tmpdir"));
    private final Map<String, String> environmentChanges = new java.util.HashMap<>();
    private final List<String> environmentRemovals = new ArrayList<>();

    private Command(List<String> argv) {
        this.argv.addAll(argv);
    }

    static Command of(Object... argv) {
        List<String> words = new ArrayList<>();
        for (Object word : argv) {
            words.add(word.toString());
        }
        return new Command(words);
    }

    Command in(Path directory) {
        this.directory = directory;
        return this;
    }

    Command env(String name, String value) {
        environmentChanges.put(name, value);
        return this;
    }

    Command withoutEnv(String name) {
        environmentRemovals.add(name);
        return this;
    }

    Result run() throws IOException, InterruptedException {
        Path out = Files.createTempFile("hakeeper-out", ".txt");
        Path err = Files.createTempFile("hakeeper-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            environmentRemovals.forEach(builder.environment()::remove);
            builder.environment().putAll(environmentChanges);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 60 s: " + argv);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
