package io.hakeeper.engine.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import io.hakeeper.api.SourcePosition;
import io.hakeeper.engine.plugin.TypeRegistry;

/**
 * A configuration file read as TOML but not yet validated: the first of two phases, because the plugin
 * directory has to be known (to load the plugins) before the rest can be checked against the plugins'
 * types.
 */
public final class ParsedConfig {

    private final String text;
    private final TomlParseResult toml;
    private final String fileName;
    private final Path configDirectory;

    ParsedConfig(String text, TomlParseResult toml, String fileName, Path configDirectory) {
        this.text = text;
        this.toml = toml;
        this.fileName = fileName;
        this.configDirectory = configDirectory;
    }

    /** The TOML text as parsed: the file's, or a keepalived.conf's translation. */
    public String text() {
        return text;
    }

    /** The file name used in every position. */
    public String fileName() {
        return fileName;
    }

    /** TOML syntax errors; when there are any, {@link #validate} reports only these. */
    public List<Problem> syntaxErrors() {
        return toml.errors().stream()
                .map(e -> Problem.error(e.position() == null ? SourcePosition.unknown(fileName)
                        : new SourcePosition(fileName, e.position().line(), e.position().column()), "", e.getMessage()))
                .toList();
    }

    /**
     * {@code global_defs.plugin_dir} as written, when it is a string; empty means the distribution's own
     * plugins/ directory. Read leniently: a wrong value is reported by {@link #validate}.
     */
    public Optional<String> pluginDir() {
        Object globals = toml.get(List.of("global_defs"));
        if (globals instanceof TomlTable table && table.get(List.of("plugin_dir")) instanceof String dir) {
            return Optional.of(dir);
        }
        return Optional.empty();
    }

    /**
     * {@code global_defs.enable_script_security}, read leniently like {@link #pluginDir()}: the plugins are
     * loaded under it before the file is validated.
     */
    public boolean scriptSecurity() {
        Object globals = toml.get(List.of("global_defs"));
        return globals instanceof TomlTable table
                && Boolean.TRUE.equals(table.get(List.of(GlobalDefsSchema.ENABLE_SCRIPT_SECURITY.name())));
    }

    /**
     * Checks the whole file against the schema, the loaded plugins and the host.
     *
     * @param registry        the types the loaded plugins provide
     * @param interfaceExists whether a network interface exists on this host (a missing one is a warning)
     * @param programProblem  why a notify command's program cannot run on this host, empty when it can (one
     *                        that cannot is a warning, and the command is left out of the model)
     * @return every problem at once, and the model when there is no error
     */
    public ValidationReport validate(TypeRegistry registry, Predicate<String> interfaceExists,
                                     Function<String, Optional<String>> programProblem) {
        if (toml.hasErrors()) {
            return new ValidationReport(syntaxErrors(), Optional.empty());
        }
        TomlSettings document = new TomlSettings(toml, "", new SourcePosition(fileName, 1, 1), fileName);
        return new ConfigValidator(document, configDirectory, registry, interfaceExists, programProblem).validate();
    }

    /**
     * {@link #validate(TypeRegistry, Predicate, Function)} for a file meant for another host: programs are not
     * looked at.
     */
    public ValidationReport validate(TypeRegistry registry, Predicate<String> interfaceExists) {
        return validate(registry, interfaceExists, program -> Optional.empty());
    }
}
