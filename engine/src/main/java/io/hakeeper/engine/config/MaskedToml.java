package io.hakeeper.engine.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

import io.hakeeper.engine.config.keepalived.TomlText;
import io.hakeeper.engine.plugin.ExtensionKind;
import io.hakeeper.engine.plugin.RegisteredType;
import io.hakeeper.engine.plugin.TypeRegistry;

/**
 * A parsed configuration written back as TOML with the value of every secret key replaced by
 * {@value #MASK}: what the control protocol's {@code config} shows to every member of control_group.
 *
 * <p>It works on the parsed document, never on the text, so that no way of writing a value (inline table,
 * dotted key, multi-line or literal string, a keepalived.conf translated) can slip a secret past it, and
 * the result is TOML that loads again. The layout is the writer's own: comments are gone, every table is a
 * {@code [section]}, and arrays hold inline tables; the document means the same. A table is never masked
 * as a whole, only the values in it: a section may be named like a secret key ({@code [vrrp_script.password]}).
 */
public final class MaskedToml {

    public static final String MASK = "********";

    private MaskedToml() {
    }

    /** The keys masked wherever they appear: the engine's own secrets and those of every loaded plugin's types. */
    public static Set<String> secretKeys(TypeRegistry registry) {
        Set<String> secrets = new TreeSet<>();
        for (SectionSpec section : ConfigSchema.allSections()) {
            section.keys().stream().filter(KeySpec::secret).map(KeySpec::name).forEach(secrets::add);
        }
        for (ExtensionKind kind : ExtensionKind.values()) {
            for (RegisteredType<?> type : registry.registered(kind).values()) {
                secrets.addAll(type.call(factory -> factory.secretKeys()));
            }
        }
        return secrets;
    }

    /** The document as TOML text, the value of every key named in {@code secrets} replaced at any depth. */
    public static String write(TomlTable document, Set<String> secrets) {
        TomlText out = new TomlText();
        table(out, new ArrayList<>(), document, secrets);
        return out.text();
    }

    private static void table(TomlText out, List<String> path, TomlTable table, Set<String> secrets) {
        List<String> values = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        for (String key : table.keySet()) {
            (table.get(List.of(key)) instanceof TomlTable ? tables : values).add(key);
        }
        // a table holding only tables needs no header of its own: theirs define it
        if (!path.isEmpty() && (!values.isEmpty() || tables.isEmpty())) {
            if (!out.text().isEmpty()) {
                out.line("", null);
            }
            out.line("[" + String.join(".", path.stream().map(TomlText::key).toList()) + "]", null);
        }
        for (String key : values) {
            Object value = table.get(List.of(key));
            if (!secrets.contains(key) && value instanceof TomlArray array && array.size() > 1) {
                out.line(TomlText.key(key) + " = [", null);
                for (int i = 0; i < array.size(); i++) {
                    out.line("  " + value(array.get(i), secrets) + ",", null);
                }
                out.line("]", null);
            } else {
                out.line(TomlText.key(key) + " = " + (secrets.contains(key) ? TomlText.quote(MASK)
                        : value(value, secrets)), null);
            }
        }
        for (String key : tables) {
            path.add(key);
            table(out, path, table.getTable(List.of(key)), secrets);
            path.remove(path.size() - 1);
        }
    }

    /** One value on one line; tables inside arrays become inline tables. */
    private static String value(Object value, Set<String> secrets) {
        if (value instanceof String text) {
            return TomlText.quote(text);
        }
        if (value instanceof Double number) {
            return number.isNaN() ? "nan" : number.isInfinite() ? (number > 0 ? "inf" : "-inf") : number.toString();
        }
        if (value instanceof TomlArray array) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                items.add(value(array.get(i), secrets));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof TomlTable table) {
            List<String> entries = new ArrayList<>();
            for (String key : table.keySet()) {
                Object inner = table.get(List.of(key));
                boolean masked = secrets.contains(key) && !(inner instanceof TomlTable);
                entries.add(TomlText.key(key) + " = " + (masked ? TomlText.quote(MASK) : value(inner, secrets)));
            }
            return entries.isEmpty() ? "{}" : "{ " + String.join(", ", entries) + " }";
        }
        if (value instanceof OffsetDateTime time) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        }
        if (value instanceof LocalDateTime time) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
        }
        if (value instanceof LocalTime time) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return String.valueOf(value); // Long, Boolean
    }
}
