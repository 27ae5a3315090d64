package io.hakeeper.engine.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hakeeper.engine.Version;
import io.hakeeper.engine.control.Json;

/**
 * ha-admin: one subcommand per control command, a table for people or the raw answer with {@code --json}.
 * Exit codes: 0 ok, 1 refused by the daemon (its error printed), 2 usage error, 3 the daemon cannot be
 * reached. Its start-up loads only this package, the JSON codec and the JDK: a person waits for every
 * command, so the path to the socket and back avoids what costs a cold JVM time (no lambdas, streams or
 * String.format on it; docs/benchmarks.md, "`ha-admin status` wall time").
 */
public final class HaAdmin {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;

    public static final Path DEFAULT_SOCKET = Path.of("/run/hakeeper/control.sock");

    public static final String USAGE_TEXT = """
            Usage: ha-admin [--socket PATH] [--json] COMMAND [ARGS]
                   ha-admin COMMAND --help | ha-admin --version | ha-admin --help

            Administers a running hakeeperd over its control socket (default /run/hakeeper/control.sock).

            Commands:
              status                       every instance: state, priority, master, VIPs
              instance NAME                one instance, and why it is in its state
              peers                        every VRRP router heard, per interface and VRID
              checks                       each check's state, last result and counters
              plugins                      loaded plugins, their types and load errors
              stats                        every counter the daemon keeps, by the part that keeps it
              events                       print transitions, check changes, reloads until interrupted
              config                       the effective configuration as TOML, secrets masked
              reload                       re-read the configuration (needs root or admin_group)
              priority NAME N|--reset      replace the base priority, 1-254, or restore it (admin)
              maintenance NAME on|off      resign and stay backup, or resume (admin)
              import-keepalived FILE       print a keepalived.conf as hakeeper.toml (no daemon needed)

            Options:
              --socket PATH   the daemon's control socket
              --json          print the daemon's answer as it came (one JSON line)

            Exit codes: 0 ok, 1 refused by the daemon, 2 usage error, 3 cannot reach the daemon.
            """;

    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("status", "Usage: ha-admin status [--json]\n  Every instance: state, VRID, interface, base and"
                + " effective priority, master address, VIPs.\n");
        HELP.put("instance", "Usage: ha-admin instance NAME [--json]\n  One instance: its priority as base +"
                + " each weight, the last advert of each peer, its timers, its last transitions and causes.\n");
        HELP.put("peers", "Usage: ha-admin peers [--json]\n  Every VRRP router heard, per interface and VRID.\n");
        HELP.put("checks", "Usage: ha-admin checks [--json]\n  Each check: state, last result, last output line,"
                + " counters.\n");
        HELP.put("plugins", "Usage: ha-admin plugins [--json]\n  Each plugin: id, version, state, types; load"
                + " errors.\n");
        HELP.put("stats", "Usage: ha-admin stats [--json]\n  Every counter the daemon keeps: each instance's"
                + " (keepalived's names), each raw socket's, the event loop's, the VIP backend's and the"
                + " announcer's, each check's and each notifier's.\n");
        HELP.put("events", "Usage: ha-admin events [--json]\n  Prints each transition, check change and reload as"
                + " it happens, until interrupted (Ctrl-C).\n");
        HELP.put("config", "Usage: ha-admin config [--json]\n  The configuration the daemon runs, as TOML, with"
                + " secrets masked.\n");
        HELP.put("reload", "Usage: ha-admin reload [--json]\n  Re-reads the configuration file: unchanged instances"
                + " keep running, changed ones restart, removed ones resign. A broken file is refused with its"
                + " errors and nothing changes. Needs root or admin_group.\n");
        HELP.put("priority", "Usage: ha-admin priority NAME N | ha-admin priority NAME --reset\n  Replaces the"
                + " instance's base priority with N (1-254; tracked weights still apply), or restores the"
                + " configured one. Needs root or admin_group.\n");
        HELP.put("maintenance", "Usage: ha-admin maintenance NAME on|off\n  on: a master resigns at once"
                + " (priority 0) and the instance stays backup; off: it takes part again. Needs root or"
                + " admin_group.\n");
    }

    private final PrintStream out;
    private final PrintStream err;

    private HaAdmin(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return new HaAdmin(out, err).run(args);
    }

    private int run(List<String> given) {
        Path socket = DEFAULT_SOCKET;
        boolean json = false;
        boolean help = false;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String arg = given.get(i);
            if (arg.equals("--socket") || arg.equals("-s")) {
                if (i + 1 >= given.size()) {
                    return usage("--socket needs a path");
                }
                socket = Path.of(given.get(++i));
            } else if (arg.startsWith("--socket=")) {
                socket = Path.of(arg.substring("--socket=".length()));
            } else if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
            } else if (arg.equals("-v") || arg.equals("--version")) {
                // read here only: reading version.properties out of the jar costs every other command ~15 ms
                out.println("ha-admin " + Version.current());
                return OK;
            } else {
                words.add(arg);
            }
        }
        if (words.isEmpty()) {
            out.print(USAGE_TEXT);
            return help ? OK : USAGE;
        }
        String command = words.get(0);
        if (!HELP.containsKey(command)) {
            return usage("unknown command '" + command + "'");
        }
        if (help) {
            out.print(HELP.get(command));
            return OK;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("cmd", command);
        List<String> rest = words.subList(1, words.size());
        switch (command) {
            case "instance" -> {
                if (rest.size() != 1) {
                    return usage(command, "instance takes one NAME");
                }
                request.put("name", rest.get(0));
            }
            case "priority" -> {
                if (rest.size() != 2) {
                    return usage(command, "priority takes NAME and a priority (1-254) or --reset");
                }
                request.put("name", rest.get(0));
                if (rest.get(1).equals("--reset") || rest.get(1).equals("reset")) {
                    request.put("reset", true);
                } else {
                    try {
                        long priority = Long.parseLong(rest.get(1));
                        if (priority < 1 || priority > 254) {
                            return usage(command, "a priority is 1-254, not " + priority);
                        }
                        request.put("priority", priority);
                    } catch (NumberFormatException e) {
                        return usage(command, "'" + rest.get(1) + "' is not a priority (1-254) or --reset");
                    }
                }
            }
            case "maintenance" -> {
                if (rest.size() != 2 || !(rest.get(1).equals("on") || rest.get(1).equals("off"))) {
                    return usage(command, "maintenance takes NAME and on or off");
                }
                request.put("name", rest.get(0));
                request.put("on", rest.get(1).equals("on"));
            }
            default -> {
                if (!rest.isEmpty()) {
                    return usage(command, command + " takes no arguments");
                }
            }
        }
        try (AdminClient client = AdminClient.connect(socket)) {
            client.send(Json.write(request));
            String line = client.readLine();
            if (line == null) {
                err.println("ha-admin: hakeeperd at " + socket + " closed the connection without answering");
                return UNREACHABLE;
            }
            Map<String, Object> answer = Json.parseObject(line);
            if (!Boolean.TRUE.equals(answer.get("ok"))) {
                if (json) {
                    out.println(line);
                } else {
                    printError(answer);
                }
                return REFUSED;
            }
            if (json) {
                out.println(line);
            } else {
                Tables.print(command, map(answer.get("result")), out);
            }
            if (command.equals("events")) {
                return events(client, json);
            }
            return OK;
        } catch (AdminClient.Unreachable e) {
            err.println("ha-admin: " + e.getMessage());
            return UNREACHABLE;
        } catch (IOException e) {
            err.println("ha-admin: lost the connection to hakeeperd at " + socket + ": " + e.getMessage());
            return UNREACHABLE;
        } catch (Json.JsonException e) {
            err.println("ha-admin: hakeeperd answered something that is not JSON: " + e.getMessage());
            return UNREACHABLE;
        }
    }

    private int events(AdminClient client, boolean json) throws IOException {
        String line;
        while ((line = client.readLine()) != null) {
            if (json) {
                out.println(line);
            } else {
                Tables.event(Json.parseObject(line), out);
            }
            out.flush();
        }
        err.println("ha-admin: hakeeperd closed the event stream");
        return OK;
    }

    @SuppressWarnings("unchecked")
    private void printError(Map<String, Object> answer) {
        Map<String, Object> error = map(answer.get("error"));
        err.println("ha-admin: refused (" + error.get("code") + "): " + error.get("message"));
        if (error.get("details") instanceof Map<?, ?> details && details.get("problems") instanceof List<?> problems) {
            problems.forEach(problem -> err.println("  " + problem));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    private int usage(String message) {
        err.println("ha-admin: " + message + " (see ha-admin --help)");
        return USAGE;
    }

    private int usage(String command, String message) {
        err.println("ha-admin: " + message);
        err.print(HELP.get(command));
        return USAGE;
    }
}
