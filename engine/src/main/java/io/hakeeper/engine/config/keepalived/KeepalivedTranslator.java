package io.hakeeper.engine.config.keepalived;

import static io.hakeeper.engine.config.keepalived.TomlText.key;
import static io.hakeeper.engine.config.keepalived.TomlText.quote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.hakeeper.api.SourcePosition;
import io.hakeeper.engine.config.ConfigSchema;
import io.hakeeper.engine.config.KeySpec;
import io.hakeeper.engine.config.Problem;
import io.hakeeper.engine.config.SectionSpec;
import io.hakeeper.engine.config.ValueType;

/**
 * Turns keepalived statements into hakeeper.toml text. Which keyword becomes which key, and of which type,
 * is read from {@link ConfigSchema}: a keyword is imported when the schema has a key that mirrors it.
 * A keyword keepalived knows but hakeeper does not have becomes a warning; a word keepalived does not know
 * either, or a value that is not of the key's type, an error. Every TOML line remembers the keepalived
 * line it came from.
 */
final class KeepalivedTranslator {

    private static final Set<String> SECTIONS = Set.of("global_defs", "vrrp_script", "vrrp_track_file",
            "track_file", "vrrp_track_process", "vrrp_instance", "vrrp_sync_group");
    /** keepalived's deprecated spellings it still reads, imported under the keyword it asks for instead. */
    private static final Map<String, String> RENAMED = Map.of("vrrp_rlimit_rtime", "vrrp_rlimit_rttime");

    /** A TOML value, rendered, with the keepalived position it came from. */
    private record Item(String toml, SourcePosition origin) {
    }

    /** One key's value: a scalar (one item, not an array) or an array of items. */
    private record Value(List<Item> items, boolean array, SourcePosition origin) {
    }

    /** One TOML table being built. */
    private record Table(String header, SourcePosition origin, Map<String, Value> keys) {
    }

    private final List<Problem> problems;
    private final Map<String, Table> tables = new LinkedHashMap<>();

    KeepalivedTranslator(List<Problem> problems) {
        this.problems = problems;
    }

    /** Translates the statements; problems go to the list given to the constructor. */
    TomlText translate(List<Statement> statements, String sourceName) {
        for (Statement statement : statements) {
            topLevel(statement);
        }
        return render(sourceName);
    }

    private void topLevel(Statement st) {
        String keyword = st.keyword();
        if (!SECTIONS.contains(keyword)) {
            if (keyword.equals("virtual_server") || keyword.equals("virtual_server_group")) {
                warn(st, keyword, keyword + " (LVS) is not part of hakeeper, which does VRRP only; block ignored");
            } else if (KeepalivedKeywords.OTHER_ROOTS.contains(keyword)) {
                warn(st, keyword, "keepalived's " + keyword + " is not supported by hakeeper; ignored");
            } else {
                error(st, keyword, "unknown keyword \"" + keyword + "\"");
            }
            return;
        }
        if (st.block().isEmpty()) {
            error(st, keyword, "missing '{': " + keyword + " needs a block");
            return;
        }
        String section = keyword.equals("track_file") ? "vrrp_track_file" : keyword;
        SectionSpec spec = section(section);
        String header;
        if (spec.named()) {
            if (st.args().size() != 1) {
                error(st, section, section + " needs exactly one name, got " + st.args().size() + " words");
                return;
            }
            header = section + "." + key(st.args().get(0));
            if (tables.containsKey(header)) {
                error(st, section + "." + st.args().get(0), "duplicate " + section + " " + st.args().get(0));
                return;
            }
        } else {
            header = section;
        }
        Table table = tables.computeIfAbsent(header, h -> new Table(h, st.position(), new LinkedHashMap<>()));
        String path = spec.named() ? section + "." + st.args().get(0) : section;
        for (Statement child : st.children()) {
            entry(spec, table, path, child);
        }
    }

    private void entry(SectionSpec spec, Table table, String path, Statement written) {
        Statement st = written;
        String current = RENAMED.get(written.keyword());
        if (current != null) {
            warn(written, path + "." + written.keyword(), "keepalived deprecates " + written.keyword()
                    + "; imported as " + current);
            st = new Statement(current, written.args(), written.block(), written.position());
        }
        String keyPath = path + "." + st.keyword();
        Optional<KeySpec> key = spec.key(st.keyword()).filter(k -> !k.keepalived().isEmpty());
        if (key.isEmpty()) {
            Set<String> known = spec.name().equals("global_defs") ? KeepalivedKeywords.GLOBAL_DEFS
                    : KeepalivedKeywords.VRRP;
            if (known.contains(st.keyword())) {
                warn(st, keyPath, "keepalived's " + st.keyword() + " is not supported by hakeeper; ignored");
            } else {
                error(st, keyPath, "unknown keyword \"" + st.keyword() + "\" in " + spec.name());
            }
            return;
        }
        Optional<Value> value = convert(spec, key.get(), st, keyPath);
        if (value.isEmpty()) {
            return;
        }
        Value before = table.keys().get(st.keyword());
        if (before != null && before.array() && value.get().array()) {
            List<Item> merged = new ArrayList<>(before.items());
            merged.addAll(value.get().items());
            table.keys().put(st.keyword(), new Value(merged, true, before.origin()));
            return;
        }
        if (before != null) {
            warn(st, keyPath, st.keyword() + " given again; this one replaces the one at " + before.origin());
            table.keys().remove(st.keyword());
        }
        table.keys().put(st.keyword(), value.get());
    }

    private Optional<Value> convert(SectionSpec spec, KeySpec key, Statement st, String keyPath) {
        ValueType type = key.type();
        if (!key.supported()) {
            // kept, so that the validator refuses it as "not supported yet" at this line
            return scalar(quote(String.join(" ", st.args())), st);
        }
        boolean sectionIsGroup = spec.name().equals("vrrp_sync_group");
        if (type != ValueType.BOOLEAN && type != ValueType.TABLE && st.block().isEmpty() && st.args().isEmpty()
                && !isList(type)) {
            return bad(st, keyPath, st.keyword() + " needs a value");
        }
        if (st.block().isPresent() && !isList(type) && type != ValueType.TABLE) {
            return bad(st, keyPath, st.keyword() + " takes a value, not a block");
        }
        switch (type) {
            case STRING, ADDRESS -> {
                return scalar(quote(String.join(" ", st.args())), st);
            }
            case COMMAND -> {
                return scalar(quote(command(st.args())), st);
            }
            case INTEGER -> {
                extraWords(st, keyPath, 1);
                try {
                    return scalar(Long.toString(Long.parseLong(st.args().get(0))), st);
                } catch (NumberFormatException e) {
                    return bad(st, keyPath, "expected an integer, got \"" + st.args().get(0) + "\"");
                }
            }
            case SECONDS -> {
                extraWords(st, keyPath, 1);
                try {
                    double seconds = Double.parseDouble(st.args().get(0));
                    if (!Double.isFinite(seconds) || !st.args().get(0).matches("[-+]?[0-9.]+")) {
                        throw new NumberFormatException();
                    }
                    return scalar(seconds == Math.rint(seconds) ? Long.toString((long) seconds)
                            : Double.toString(seconds), st);
                } catch (NumberFormatException e) {
                    return bad(st, keyPath, "expected a number of seconds, got \"" + st.args().get(0) + "\"");
                }
            }
            case BOOLEAN -> {
                if (st.args().isEmpty()) {
                    return scalar("true", st);
                }
                extraWords(st, keyPath, 1);
                return switch (st.args().get(0).toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> scalar("true", st);
                    case "false", "no", "off" -> scalar("false", st);
                    default -> bad(st, keyPath, "expected nothing, true or false, got \"" + st.args().get(0) + "\"");
                };
            }
            case TABLE -> {
                return authentication(st, keyPath);
            }
            case TRACKED -> {
                return list(st, keyPath, line -> tracked(line, keyPath));
            }
            case ADDRESSES -> {
                return list(st, keyPath, line -> {
                    if (!line.args().isEmpty()) {
                        warn(line, keyPath, "\"" + String.join(" ", line.args()) + "\" after the address is not"
                                + " supported by hakeeper; ignored");
                    }
                    return List.of(quote(line.keyword()));
                });
            }
            case INTEGERS -> {
                List<Item> items = new ArrayList<>();
                for (String word : st.args()) {
                    try {
                        items.add(new Item(Long.toString(Long.parseLong(word)), st.position()));
                    } catch (NumberFormatException e) {
                        return bad(st, keyPath, "expected integers, got \"" + word + "\"");
                    }
                }
                return Optional.of(new Value(items, true, st.position()));
            }
            case STRINGS -> {
                if (sectionIsGroup && st.keyword().startsWith("track_")) {
                    return list(st, keyPath, line -> tracked(line, keyPath));
                }
                boolean names = sectionIsGroup || st.keyword().equals("notification_email");
                return list(st, keyPath, line -> names ? line.words().stream().map(TomlText::quote).toList()
                        : List.of(quote(String.join(" ", line.words()))));
            }
            default -> throw new IllegalStateException("no import rule for " + type);
        }
    }

    private static boolean isList(ValueType type) {
        return type == ValueType.STRINGS || type == ValueType.ADDRESSES || type == ValueType.TRACKED;
    }

    private interface LineConversion {
        List<String> apply(Statement line);
    }

    /** A list block ({@code key { one per line }}), or the words after the keyword on its own line. */
    private Optional<Value> list(Statement st, String keyPath, LineConversion conversion) {
        List<Item> items = new ArrayList<>();
        if (st.block().isEmpty()) {
            if (st.args().isEmpty()) {
                return bad(st, keyPath, st.keyword() + " needs a { } block");
            }
            for (String word : st.args()) {
                conversion.apply(new Statement(word, List.of(), Optional.empty(), st.position()))
                        .forEach(t -> items.add(new Item(t, st.position())));
            }
        } else {
            if (!st.args().isEmpty()) {
                warn(st, keyPath, "words before the block are not supported by hakeeper; ignored: "
                        + String.join(" ", st.args()));
            }
            for (Statement line : st.children()) {
                if (line.block().isPresent()) {
                    error(line, keyPath, "unexpected block inside " + st.keyword());
                    continue;
                }
                conversion.apply(line).forEach(t -> items.add(new Item(t, line.position())));
            }
        }
        return Optional.of(new Value(items, true, st.position()));
    }

    /** {@code NAME [weight N] [reverse]} as a name or an inline table; a sync group's entries are names. */
    private List<String> tracked(Statement line, String keyPath) {
        boolean inGroup = keyPath.startsWith("vrrp_sync_group.");
        Long weight = null;
        boolean reverse = false;
        List<String> words = line.args();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("weight") && i + 1 < words.size()) {
                try {
                    weight = Long.parseLong(words.get(++i));
                } catch (NumberFormatException e) {
                    error(line, keyPath, "expected an integer weight, got \"" + words.get(i) + "\"");
                    return List.of();
                }
            } else if (word.equals("reverse")) {
                reverse = true;
            } else {
                error(line, keyPath, "expected \"NAME [weight N] [reverse]\", got \"" + word + "\"");
                return List.of();
            }
        }
        if (inGroup || (weight == null && !reverse)) {
            if (inGroup && (weight != null || reverse)) {
                warn(line, keyPath, "a sync group's tracked objects take no weight in hakeeper (a failure puts the"
                        + " whole group in FAULT); weight/reverse ignored");
            }
            return List.of(quote(line.keyword()));
        }
        StringBuilder table = new StringBuilder("{ name = ").append(quote(line.keyword()));
        if (weight != null) {
            table.append(", weight = ").append(weight);
        }
        if (reverse) {
            table.append(", reverse = true");
        }
        return List.of(table.append(" }").toString());
    }

    private Optional<Value> authentication(Statement st, String keyPath) {
        if (st.block().isEmpty()) {
            return bad(st, keyPath, "authentication needs a { auth_type ... auth_pass ... } block");
        }
        SectionSpec auth = ConfigSchema.allSections().stream()
                .filter(s -> s.name().equals("vrrp_instance.authentication")).findFirst().orElseThrow();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Statement line : st.children()) {
            String sub = keyPath + "." + line.keyword();
            if (auth.key(line.keyword()).isEmpty()) {
                error(line, sub, "unknown keyword \"" + line.keyword() + "\" in authentication");
            } else if (line.args().size() != 1) {
                error(line, sub, line.keyword() + " takes one value, got " + line.args().size());
            } else {
                fields.put(line.keyword(), line.args().get(0));
            }
        }
        StringBuilder table = new StringBuilder("{ ");
        fields.forEach((k, v) -> table.append(table.length() > 2 ? ", " : "").append(k).append(" = ").append(quote(v)));
        return scalar(table.append(" }").toString(), st);
    }

    /**
     * keepalived splits a command line into words honouring quotes; hakeeper does the same with the one
     * string, so a single word (a quoted command) is kept as written and several are re-joined, quoting
     * those with spaces.
     */
    private static String command(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add(word.isEmpty() || word.matches(".*[\\s'\"\\\\].*")
                    ? "'" + word.replace("'", "'\\''") + "'" : word);
        }
        return String.join(" ", quoted);
    }

    private void extraWords(Statement st, String keyPath, int expected) {
        if (st.args().size() > expected) {
            warn(st, keyPath, "extra words after the value ignored: "
                    + String.join(" ", st.args().subList(expected, st.args().size())));
        }
    }

    private static Optional<Value> scalar(String toml, Statement st) {
        return Optional.of(new Value(List.of(new Item(toml, st.position())), false, st.position()));
    }

    private Optional<Value> bad(Statement st, String keyPath, String message) {
        error(st, keyPath, message);
        return Optional.empty();
    }

    private void error(Statement st, String keyPath, String message) {
        problems.add(Problem.error(st.position(), keyPath, message));
    }

    private void warn(Statement st, String keyPath, String message) {
        problems.add(Problem.warning(st.position(), keyPath, message));
    }

    private static SectionSpec section(String name) {
        return ConfigSchema.sections().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private TomlText render(String sourceName) {
        TomlText text = new TomlText();
        text.line("# hakeeper.toml imported from the keepalived configuration " + sourceName, null);
        for (Table table : tables.values()) {
            text.line("", null);
            text.line("[" + table.header() + "]", table.origin());
            for (Map.Entry<String, Value> entry : table.keys().entrySet()) {
                Value value = entry.getValue();
                if (!value.array()) {
                    text.line(entry.getKey() + " = " + value.items().get(0).toml(), value.origin());
                } else if (value.items().isEmpty()) {
                    text.line(entry.getKey() + " = []", value.origin());
                } else {
                    text.line(entry.getKey() + " = [", value.origin());
                    for (Item item : value.items()) {
                        text.line("  " + item.toml() + ",", item.origin());
                    }
                    text.line("]", value.origin());
                }
            }
        }
        return text;
    }
}
