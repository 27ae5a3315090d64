package io.hakeeper.engine.admin;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hakeeper.engine.control.Json;

/** How ha-admin shows each answer to a person: aligned columns, one row per thing. */
final class Tables {

    private Tables() {
    }

    static void print(String command, Map<String, Object> result, PrintStream out) {
        switch (command) {
            case "status" -> status(result, out);
            case "instance" -> instance(result, out);
            case "peers" -> {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("INTERFACE", "VRID", "INSTANCE", "ROUTER", "PRIORITY", "AGE_S", "ACCEPTED"));
                for (Object entry : list(result.get("peers"))) {
                    Map<String, Object> e = HaAdmin.map(entry);
                    for (Object router : list(e.get("routers"))) {
                        Map<String, Object> r = HaAdmin.map(router);
                        rows.add(List.of(s(e.get("interface")), s(e.get("vrid")), s(e.get("instance")),
                                s(r.get("address")), s(r.get("priority")), s(r.get("age_s")), s(r.get("verdict"))));
                    }
                }
                table(rows, out);
            }
            case "checks" -> {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("KIND", "NAME", "STATE", "VALUE", "RUNS", "FAILURES", "TIMEOUTS", "LAST LINE"));
                for (Object check : list(result.get("checks"))) {
                    Map<String, Object> c = HaAdmin.map(check);
                    rows.add(List.of(s(c.get("kind")), s(c.get("name")), s(c.get("state")), s(c.get("value")),
                            s(c.get("runs")), s(c.get("failures")), s(c.get("timeouts")), s(c.get("last_line"))));
                }
                table(rows, out);
            }
            case "plugins" -> {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("ID", "VERSION", "STATE", "TYPES"));
                for (Object plugin : list(result.get("plugins"))) {
                    Map<String, Object> p = HaAdmin.map(plugin);
                    rows.add(List.of(s(p.get("id")), s(p.get("version")), s(p.get("state")), s(p.get("types"))));
                }
                table(rows, out);
                for (Object problem : list(result.get("problems"))) {
                    out.println("problem: " + HaAdmin.map(problem).get("message"));
                }
            }
            case "stats" -> stats(result, out);
            case "config" -> out.print(s(result.get("toml")));
            case "events" -> out.println("(listening; Ctrl-C to stop)");
            default -> result.forEach((k, v) -> out.println(k + ": " + s(v)));
        }
    }

    /**
     * Every section of the answer in its order, whatever sections the daemon sends: a list is one block per
     * element (titled by its words, e.g. "sockets eth0 inet vrrp"), an object one block, each counter on a line.
     */
    private static void stats(Map<String, Object> result, PrintStream out) {
        for (Map.Entry<String, Object> section : result.entrySet()) {
            if (section.getValue() instanceof List<?> elements) {
                for (Object element : elements) {
                    counters(section.getKey(), HaAdmin.map(element), out);
                }
            } else if (section.getValue() instanceof Map<?, ?>) {
                counters(section.getKey(), HaAdmin.map(section.getValue()), out);
            } else {
                out.println(section.getKey() + ": " + s(section.getValue()));
            }
        }
    }

    private static void counters(String section, Map<String, Object> block, PrintStream out) {
        StringBuilder title = new StringBuilder(section);
        List<Map.Entry<String, Object>> lines = new ArrayList<>();
        for (Map.Entry<String, Object> entry : block.entrySet()) {
            if (entry.getValue() instanceof String word) {
                title.append(' ').append(word);
            } else if (entry.getValue() instanceof Map<?, ?>) {
                lines.addAll(HaAdmin.map(entry.getValue()).entrySet());
            } else {
                lines.add(entry);
            }
        }
        out.println(title + ":");
        for (Map.Entry<String, Object> line : lines) {
            out.println("  " + line.getKey() + " ".repeat(Math.max(1, 28 - line.getKey().length())) + s(line.getValue()));
        }
    }

    static void event(Map<String, Object> event, PrintStream out) {
        String what = s(event.get("event"));
        switch (what) {
            case "transition" -> out.println(event.get("time") + "  " + event.get("name") + ": " + event.get("from")
                    + " -> " + event.get("to") + " (" + event.get("cause") + "), effective priority "
                    + event.get("effective_priority"));
            case "check" -> out.println(event.get("time") + "  check " + event.get("name") + ": " + event.get("state")
                    + " (value " + event.get("value") + ")");
            default -> out.println(Json.write(event));
        }
    }

    private static void status(Map<String, Object> result, PrintStream out) {
        out.println("hakeeperd " + result.get("version") + ", up " + result.get("uptime_s") + " s, "
                + result.get("config_file"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "STATE", "VRID", "INTERFACE", "PRIORITY", "EFFECTIVE", "MASTER", "VIPS"));
        for (Object instance : list(result.get("instances"))) {
            Map<String, Object> i = HaAdmin.map(instance);
            String state = s(i.get("state")) + (Boolean.TRUE.equals(i.get("maintenance")) ? " (maintenance)" : "")
                    + (i.get("fault_cause") != null ? " (" + i.get("fault_cause") + ")" : "");
            rows.add(List.of(s(i.get("name")), state, s(i.get("vrid")), s(i.get("interface")), s(i.get("priority")),
                    s(i.get("effective_priority")), s(i.get("master_ip")), commaSeparated(list(i.get("vips")))));
        }
        table(rows, out);
    }

    private static void instance(Map<String, Object> i, PrintStream out) {
        out.println(i.get("name") + ": " + i.get("state") + ", VRID " + i.get("vrid") + " on " + i.get("interface")
                + ", VRRPv" + i.get("version") + ", master " + s(i.get("master_ip")));
        Map<String, Object> p = HaAdmin.map(i.get("priority_terms"));
        StringBuilder sum = new StringBuilder("priority: base " + p.get("base")
                + (Boolean.TRUE.equals(p.get("overridden")) ? " (set by ha-admin; configured " + p.get("configured") + ")" : ""));
        for (Object w : list(p.get("weights"))) {
            Map<String, Object> weight = HaAdmin.map(w);
            sum.append(Boolean.TRUE.equals(weight.get("fault")) ? " [" + weight.get("name") + " demands FAULT]"
                    : " + " + weight.get("adds") + " (" + weight.get("kind") + " " + weight.get("name") + " "
                    + weight.get("status") + ")");
        }
        out.println(sum + " = " + p.get("effective"));
        if (Boolean.TRUE.equals(i.get("maintenance"))) {
            out.println("maintenance: on (stays backup)");
        }
        if (i.get("fault_cause") != null) {
            out.println("fault: " + i.get("fault_cause"));
        }
        Map<String, Object> timers = HaAdmin.map(i.get("timers"));
        out.println("timers: master down " + timers.get("master_down_interval_s") + " s, skew "
                + timers.get("skew_time_s") + " s, next in " + s(timers.get("next_timer_in_s")) + " s");
        out.println("peers:");
        for (Object peer : list(i.get("peers"))) {
            Map<String, Object> r = HaAdmin.map(peer);
            out.println("  " + r.get("address") + " priority " + r.get("priority") + ", " + r.get("age_s")
                    + " s ago, " + r.get("verdict"));
        }
        out.println("transitions:");
        for (Object transition : list(i.get("transitions"))) {
            Map<String, Object> t = HaAdmin.map(transition);
            out.println("  " + t.get("time") + "  " + t.get("from") + " -> " + t.get("to") + " (" + t.get("cause") + ")");
        }
    }

    static void table(List<List<String>> rows, PrintStream out) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        // padded by hand: String.format would load and warm up the Formatter on ha-admin's start path
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                line.append(cell);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] + 2 - cell.length()));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** The values shown with {@link #s}, comma-separated: a loop, as a stream would bootstrap lambdas at start. */
    private static String commaSeparated(List<?> values) {
        StringBuilder joined = new StringBuilder();
        for (int v = 0; v < values.size(); v++) {
            if (v > 0) {
                joined.append(',');
            }
            joined.append(s(values.get(v)));
        }
        return joined.toString();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static String s(Object value) {
        return value == null ? "-" : value instanceof String string ? string : Json.write(value);
    }
}
