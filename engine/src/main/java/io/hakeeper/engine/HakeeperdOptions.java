package io.hakeeper.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * hakeeperd's command line. Short options are keepalived's where keepalived has one ({@code -f},
 * {@code -t}, {@code -v}), so that muscle memory and existing unit files carry over.
 *
 * @param configFile    the configuration to run or check
 * @param checkOnly     validate, print the problems, exit
 * @param controlSocket overrides {@code global_defs.control_socket}
 * @param action        what to do instead of running: print help or the version
 * @param format        how to read the configuration file: by its content, as TOML, or as keepalived.conf
 */
public record HakeeperdOptions(Path configFile, boolean checkOnly, Optional<Path> controlSocket, Action action,
                               Format format) {

    public static final Path DEFAULT_CONFIG = Path.of("/etc/hakeeper/hakeeper.toml");

    public enum Action {
        RUN, HELP, VERSION
    }

    /** The configuration file's format: AUTO decides by content (a keepalived.conf is not valid TOML). */
    public enum Format {
        AUTO, TOML, KEEPALIVED
    }

    /** The options without a format, read by content (as before --format existed). */
    public HakeeperdOptions(Path configFile, boolean checkOnly, Optional<Path> controlSocket, Action action) {
        this(configFile, checkOnly, controlSocket, action, Format.AUTO);
    }

    public static final String USAGE = """
            Usage: hakeeperd [-f FILE] [--check] [--control-socket PATH]
                   hakeeperd --version | --help

            The hakeeper VRRP daemon: elects a master per virtual router and moves the virtual IPs to it.

              -f, --config-file FILE   configuration to use (default /etc/hakeeper/hakeeper.toml)
                  --format toml|keepalived
                                       read FILE as hakeeper.toml or as keepalived.conf (default: by
                                       content; a keepalived.conf is imported as ha-admin
                                       import-keepalived does)
              -t, --check              validate the configuration and the plugins, print every problem
                                       as FILE:LINE:COL: KEY: MESSAGE, and exit 0 (valid) or 1 (not)
                  --control-socket PATH
                                       serve ha-admin here instead of global_defs.control_socket
              -v, --version            print the version and exit
              -h, --help               print this help and exit

            Exit codes: 0 success, 1 invalid configuration, 2 wrong command line.
            Documentation: docs/configuration.md in the distribution.
            """;

    /** Thrown for a command line that cannot be understood; its message says which argument and why. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    public static HakeeperdOptions parse(List<String> given) throws UsageException {
        List<String> args = splitLongOptionValues(given);
        Path configFile = DEFAULT_CONFIG;
        boolean checkOnly = false;
        Optional<Path> controlSocket = Optional.empty();
        Action action = Action.RUN;
        Format format = Format.AUTO;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-f", "--config-file", "--use-file" -> configFile = Path.of(valueOf(args, ++i, arg));
                case "-t", "--check", "--config-test" -> checkOnly = true;
                case "--control-socket" -> controlSocket = Optional.of(Path.of(valueOf(args, ++i, arg)));
                case "--format" -> format = format(valueOf(args, ++i, arg));
                case "-v", "--version" -> action = Action.VERSION;
                case "-h", "--help" -> action = Action.HELP;
                default -> throw new UsageException("unknown argument '" + arg + "' (see hakeeperd --help)");
            }
        }
        return new HakeeperdOptions(configFile, checkOnly, controlSocket, action, format);
    }

    private static Format format(String value) throws UsageException {
        return switch (value) {
            case "toml" -> Format.TOML;
            case "keepalived" -> Format.KEEPALIVED;
            default -> throw new UsageException("--format takes toml or keepalived, not '" + value + "'");
        };
    }

    /** {@code --config-file=x} is read as {@code --config-file x}. */
    private static List<String> splitLongOptionValues(List<String> args) {
        List<String> split = new ArrayList<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 2) {
                split.add(arg.substring(0, equals));
                split.add(arg.substring(equals + 1));
            } else {
                split.add(arg);
            }
        }
        return split;
    }

    private static String valueOf(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size() || args.get(index).isEmpty()) {
            throw new UsageException(option + " needs a value (see hakeeperd --help)");
        }
        return args.get(index);
    }
}
