package io.hakeeper.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tomlj.Toml;

/**
 * Reads hakeeper.toml. Usage, as the daemon and {@code hakeeperd --check} do it:
 *
 * <pre>{@code
 * ParsedConfig parsed = ConfigParser.parse(file);
 * // load plugins from parsed.pluginDir() (default: the distribution's plugins/)
 * ValidationReport report = parsed.validate(registry, HostInterfaces::exists);
 * report.problems().forEach(System.err::println);
 * }</pre>
 */
public final class ConfigParser {

    private ConfigParser() {
    }

    /** Reads and parses a file; positions name it as given. */
    public static ParsedConfig parse(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        return parse(Files.readString(file), file.toString(), directory);
    }

    /** Parses text as if read from {@code fileName} in {@code configDirectory} (tests, stdin). */
    public static ParsedConfig parse(String text, String fileName, Path configDirectory) {
        return new ParsedConfig(text, Toml.parse(text), fileName, configDirectory);
    }
}
