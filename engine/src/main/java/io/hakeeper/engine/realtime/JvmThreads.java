package io.hakeeper.engine.realtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The kernel threads of this JVM, read from {@code /proc/self/task}: every one, or those a safepoint waits
 * for. HotSpot names its own threads there (the name a Java thread was given, cut to 15 characters).
 */
final class JvmThreads {

    /** A kernel thread of this process. */
    record Task(int tid, String name) {
    }

    /**
     * The VM thread runs every safepoint operation (the serial collector's collections among them); the
     * stop-the-world workers of the parallel and G1 collectors are "GC Thread#N". Concurrent collector
     * threads (G1 Conc, G1 Refine) never hold a safepoint and stay as they are.
     */
    private static final Pattern SAFEPOINT_WORKER = Pattern.compile("VM Thread|GC Thread#\\d+");
    private static final Path TASKS = Path.of("/proc/self/task");

    private JvmThreads() {
    }

    /** Every thread of the process now; one that ends while it is read is left out. */
    static List<Task> all() {
        List<Task> tasks = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(TASKS)) {
            for (Path dir : dirs) {
                try {
                    tasks.add(new Task(Integer.parseInt(dir.getFileName().toString()),
                            Files.readString(dir.resolve("comm")).strip()));
                } catch (IOException | NumberFormatException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + TASKS + ": " + e.getMessage(), e);
        }
        return tasks;
    }

    /** The threads a Java thread waits for when it wakes during a safepoint. */
    static List<Task> safepointWorkers() {
        return all().stream().filter(task -> isSafepointWorker(task.name())).toList();
    }

    static boolean isSafepointWorker(String name) {
        return SAFEPOINT_WORKER.matcher(name).matches();
    }

    /** The nice level of a thread of this process (field 19 of its stat), or 0 if it cannot be read. */
    static int nice(int tid) {
        try {
            String stat = Files.readString(TASKS.resolve(Integer.toString(tid)).resolve("stat"));
            // the name in parentheses may hold spaces: fields are counted from after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(fields[16]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
