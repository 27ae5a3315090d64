package io.hakeeper.plugin.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;

/**
 * Counts the matching processes in {@code /proc} each run, leaving out zombies (they no longer run), and is
 * up while the count is within {@code [quorum, quorumMax]}. keepalived learns of process changes from the
 * kernel's process-event connector instead; a scan every interval is what Java can do without native code,
 * and the command line of a process is only read when a parameter must be compared.
 */
final class ProcessCheck implements Check {

    private static final Path PROC = Path.of("/proc");

    private final ProcessMatcher matcher;
    private final int quorum;
    private final int quorumMax;

    ProcessCheck(ProcessMatcher matcher, int quorum, int quorumMax) {
        this.matcher = matcher;
        this.quorum = quorum;
        this.quorumMax = quorumMax;
    }

    @Override
    public CheckResult run() throws IOException {
        int count = count();
        String seen = count + " matching process" + (count == 1 ? "" : "es");
        if (count >= quorum && count <= quorumMax) {
            return CheckResult.up(seen);
        }
        return CheckResult.down(seen + ", expected " + quorum
                + (quorumMax == Integer.MAX_VALUE ? " or more" : " to " + quorumMax));
    }

    private int count() throws IOException {
        int count = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path pid : pids) {
                if (matches(pid)) {
                    count++;
                }
            }
        }
        return count;
    }

    private boolean matches(Path pid) {
        try {
            String stat = Files.readString(pid.resolve("stat"), StandardCharsets.UTF_8);
            // "PID (comm) S ...": comm may itself hold spaces and parentheses, so take it up to the last ')'
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < open || close + 2 >= stat.length() || stat.charAt(close + 2) == 'Z') {
                return false;
            }
            String comm = stat.substring(open + 1, close);
            return matcher.matches(comm, matcher.byCommandLine() ? commandLine(pid) : List.of());
        } catch (IOException e) {
            return false; // the process ended while we looked
        }
    }

    private static List<String> commandLine(Path pid) throws IOException {
        String raw = new String(Files.readAllBytes(pid.resolve("cmdline")), StandardCharsets.UTF_8);
        if (raw.endsWith("\0")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        return raw.isEmpty() ? List.of() : Arrays.asList(raw.split("\0", -1));
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
