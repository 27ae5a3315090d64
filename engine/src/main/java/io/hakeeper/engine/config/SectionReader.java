package io.hakeeper.engine.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.hakeeper.api.CommandWords;
import io.hakeeper.api.MapSettings;
import io.hakeeper.engine.config.TomlSettings.Element;

/**
 * Reads the keys of one table through their {@link KeySpec}: range and default come from the schema, and a
 * missing or wrong value becomes a problem in the log instead of an exception, so that reading goes on and
 * every mistake of the file is reported in one run. On a problem the getters return the default (or the
 * bottom of the range) so that the rest of the validation has something to work with; the model is only
 * handed out when the log holds no error.
 */
final class SectionReader {

    private final TomlSettings settings;
    private final ProblemLog log;

    SectionReader(TomlSettings settings, ProblemLog log) {
        this.settings = settings;
        this.log = log;
    }

    TomlSettings settings() {
        return settings;
    }

    ProblemLog log() {
        return log;
    }

    boolean has(KeySpec key) {
        return settings.has(key.name());
    }

    /** Records an error about a key written in this table. */
    void error(KeySpec key, String message) {
        log.error(settings.position(key.name()), settings.pathOf(key.name()), message);
    }

    /** Records a warning about a key written in this table. */
    void warning(KeySpec key, String message) {
        log.warning(settings.position(key.name()), settings.pathOf(key.name()), message);
    }

    /** Records a missing required key; true when it is present. */
    private boolean presentOrReported(KeySpec key) {
        if (settings.has(key.name())) {
            return true;
        }
        if (key.required()) {
            log.add(Problem.of(settings.missing(key.name())));
        }
        return false;
    }

    /** The value, the schema's default when absent, or empty when absent without default or wrong. */
    Optional<Long> optionalInteger(KeySpec key) {
        if (!presentOrReported(key)) {
            return key.defaultAs(Long.class);
        }
        return log.attempt(() -> settings.optionalInteger(key.name(), (long) key.min(), (long) key.max()).get());
    }

    /** An integer key that has a default or is required; the bottom of the range after a problem. */
    int integer(KeySpec key) {
        return optionalInteger(key).orElse((long) key.min()).intValue();
    }

    Optional<Duration> optionalSeconds(KeySpec key) {
        if (!presentOrReported(key)) {
            return key.defaultAs(Double.class).map(MapSettings::secondsToDuration);
        }
        return log.attempt(() -> settings.optionalSeconds(key.name(), MapSettings.secondsToDuration(key.min()),
                MapSettings.secondsToDuration(key.max())).get());
    }

    /** A seconds key that has a default; the bottom of the range after a problem. */
    Duration seconds(KeySpec key) {
        return optionalSeconds(key).orElse(MapSettings.secondsToDuration(key.min()));
    }

    boolean flag(KeySpec key) {
        boolean byDefault = key.defaultAs(Boolean.class).orElse(false);
        return log.attempt(() -> settings.flag(key.name(), byDefault), byDefault);
    }

    /** A string, or the schema's default; empty when absent without default, or wrong. */
    Optional<String> string(KeySpec key) {
        if (!presentOrReported(key)) {
            return key.defaultAs(String.class);
        }
        return log.attempt(() -> settings.optionalString(key.name()).get());
    }

    List<String> strings(KeySpec key) {
        presentOrReported(key);
        return log.attempt(() -> settings.strings(key.name()), List.of());
    }

    /** The elements of an array key, each with path and position (a lone value counts as one element). */
    List<Element> elements(KeySpec key) {
        presentOrReported(key);
        return settings.elements(key.name());
    }

    /** A command line split into argv words (quotes respected). */
    Optional<List<String>> command(KeySpec key) {
        return string(key).flatMap(line -> {
            CommandWords.Result split = CommandWords.split(line);
            if (split.error().isPresent()) {
                error(key, "expected a command line, got " + split.error().get() + " in \"" + line + "\"");
                return Optional.empty();
            }
            if (split.words().isEmpty()) {
                error(key, "expected a command line, got an empty string");
                return Optional.empty();
            }
            return Optional.of(split.words());
        });
    }

    Optional<Located<InetAddress>> address(KeySpec key) {
        return string(key).flatMap(text -> address(text, settings.pathOf(key.name()), key));
    }

    List<Located<InetAddress>> addresses(KeySpec key) {
        List<Located<InetAddress>> addresses = new ArrayList<>();
        for (Element element : elements(key)) {
            if (element.value() instanceof String text) {
                Located<InetAddress> at = new Located<>(null, element.path(), element.position());
                IpLiteral.parse(text).ifPresentOrElse(
                        a -> addresses.add(new Located<>(a, at.path(), at.position())),
                        () -> log.error(at.position(), at.path(), "expected an IP address, got \"" + text + "\""));
            } else {
                log.error(element.position(), element.path(), "expected an IP address string, got "
                        + TomlSettings.describe(element.value()));
            }
        }
        return addresses;
    }

    private Optional<Located<InetAddress>> address(String text, String path, KeySpec key) {
        Optional<InetAddress> parsed = IpLiteral.parse(text);
        if (parsed.isEmpty()) {
            error(key, "expected an IP address, got \"" + text + "\"");
        }
        return parsed.map(a -> new Located<>(a, path, settings.position(key.name())));
    }

    /** A value from a closed set written in upper or lower case as the schema shows it. */
    <E extends Enum<E>> Optional<E> choice(KeySpec key, Class<E> kind, boolean upperCase) {
        return string(key).flatMap(text -> {
            for (E constant : kind.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return Optional.of(constant);
                }
            }
            List<String> names = new ArrayList<>();
            for (E constant : kind.getEnumConstants()) {
                names.add(upperCase ? constant.name() : constant.name().toLowerCase());
            }
            error(key, "expected one of " + String.join(", ", names) + ", got \"" + text + "\"");
            return Optional.empty();
        });
    }
}
