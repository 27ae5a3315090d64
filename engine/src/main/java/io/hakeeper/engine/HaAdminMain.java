package io.hakeeper.engine;

import java.io.PrintStream;
import java.util.List;

/**
 * ha-admin: administers a running hakeeperd over its control socket.
 *
 * <p>In this release only {@code --version} and {@code --help} work: the control server and its commands
 * come with the control-plane work, and until then every command says so plainly instead of pretending.
 */
public final class HaAdminMain {

    static final String USAGE = """
            Usage: ha-admin [--socket PATH] COMMAND [ARGS] [--json]
                   ha-admin --version | --help

            Administers a running hakeeperd over its control socket (default /run/hakeeper/control.sock).

            The control protocol is not part of hakeeper 0.1.0 yet: commands (status, instance, peers,
            checks, plugins, stats, events, reload, priority, maintenance, config) arrive with it.
            Until then, validate a configuration with: hakeeperd --check -f FILE
            """;

    private HaAdminMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("-v") || args.contains("--version")) {
            out.println("ha-admin " + Version.current());
            return 0;
        }
        if (args.isEmpty() || args.contains("-h") || args.contains("--help")) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        err.println("ha-admin: '" + args.get(0) + "' is not available: hakeeper " + Version.current()
                + " has no control server yet (see ha-admin --help)");
        return 2;
    }
}
