package io.hakeeper.plugin.checks;

import java.util.List;

/**
 * Whether one process is the configured one. By name alone (no parameters and no param_match written), the
 * name is compared with the kernel's process name ({@code /proc/PID/comm}, which the kernel cuts to 15
 * characters) exactly, as {@code pgrep -x}: "ssh" does not match sshd. With parameters, the command line is
 * compared: its first word must be the name (or end in {@code /name}), its other words the parameters, as
 * {@link ParamMatch} says.
 */
record ProcessMatcher(String name, List<String> parameters, ParamMatch paramMatch, boolean byCommandLine) {

    /** The kernel keeps this many characters of a process name. */
    private static final int COMM_LENGTH = 15;

    ProcessMatcher {
        parameters = List.copyOf(parameters);
    }

    boolean matches(String comm, List<String> commandLine) {
        if (!byCommandLine) {
            return comm.equals(name.length() > COMM_LENGTH ? name.substring(0, COMM_LENGTH) : name);
        }
        if (commandLine.isEmpty() || !isProgram(commandLine.get(0))) {
            return false;
        }
        List<String> actual = commandLine.subList(1, commandLine.size());
        return switch (paramMatch) {
            case EXACT -> actual.equals(parameters);
            case PARTIAL -> actual.size() >= parameters.size() && actual.subList(0, parameters.size()).equals(parameters);
            case INITIAL -> initialMatch(actual);
        };
    }

    private boolean isProgram(String first) {
        return first.equals(name) || (!name.contains("/") && first.endsWith("/" + name));
    }

    private boolean initialMatch(List<String> actual) {
        int n = parameters.size();
        if (n == 0) {
            return true;
        }
        return actual.size() >= n && actual.subList(0, n - 1).equals(parameters.subList(0, n - 1))
                && actual.get(n - 1).startsWith(parameters.get(n - 1));
    }
}
