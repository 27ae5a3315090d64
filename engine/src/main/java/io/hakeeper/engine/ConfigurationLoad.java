package io.hakeeper.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.hakeeper.engine.HakeeperdOptions.Format;
import io.hakeeper.engine.config.ConfigParser;
import io.hakeeper.engine.config.HostInterfaces;
import io.hakeeper.engine.config.HostPrograms;
import io.hakeeper.engine.config.ParsedConfig;
import io.hakeeper.engine.config.ValidationReport;
import io.hakeeper.engine.config.keepalived.KeepalivedImport;
import io.hakeeper.engine.plugin.LoadedPlugins;
import io.hakeeper.engine.plugin.PluginHost;
import io.hakeeper.engine.plugin.PluginProblem;

/**
 * One configuration file read, the plugins it names loaded, and the whole validated against them: what
 * {@code hakeeperd --check} prints and what the daemon starts (and reloads) from.
 *
 * <p>The order is forced by the file itself: {@code global_defs.plugin_dir} must be read before the
 * plugins can be loaded, and the plugins must be loaded before types such as {@code auth_type} can be
 * checked. Closing it unloads the plugins.
 *
 * @param pluginDir the directory the plugins were loaded from
 * @param plugins   the loaded plugins, or {@code null} when the file was not even valid TOML
 * @param report    every configuration problem, and the model when there is no error
 * @param toml      the TOML text validated (a keepalived.conf's translation), empty when it could not be read
 */
public record ConfigurationLoad(Path pluginDir, LoadedPlugins plugins, ValidationReport report, String toml)
        implements AutoCloseable {

    public static ConfigurationLoad of(Path configFile) throws IOException {
        return of(configFile, Format.AUTO);
    }

    /**
     * Reads the file as hakeeper.toml or, when {@code format} says so or (AUTO) its content is keepalived's,
     * imports it as a keepalived.conf first; then problems name the keepalived file and line.
     */
    public static ConfigurationLoad of(Path configFile, Format format) throws IOException {
        if (format == Format.KEEPALIVED) {
            return imported(configFile);
        }
        // Parsed once: the parse that tells the formats apart is the one validated (1,000 instances: ~0.2 s).
        ParsedConfig parsed = ConfigParser.parse(configFile);
        if (format == Format.AUTO
                && KeepalivedImport.looksLikeKeepalived(parsed.text(), !parsed.syntaxErrors().isEmpty())) {
            return imported(configFile);
        }
        return of(configFile, parsed);
    }

    private static ConfigurationLoad imported(Path configFile) throws IOException {
        KeepalivedImport.Result imported = KeepalivedImport.translate(configFile);
        if (imported.hasErrors()) {
            return new ConfigurationLoad(Installation.defaultPluginDir(), null,
                    new ValidationReport(imported.problems(), java.util.Optional.empty()), "");
        }
        ParsedConfig parsed = ConfigParser.parse(imported.toml(), imported.tomlName(),
                configFile.toAbsolutePath().getParent());
        ConfigurationLoad load = of(configFile, parsed);
        return new ConfigurationLoad(load.pluginDir(), load.plugins(), imported.relocate(load.report()),
                load.toml());
    }

    private static ConfigurationLoad of(Path configFile, ParsedConfig parsed) {
        Path configDirectory = configFile.toAbsolutePath().getParent();
        Path pluginDir = parsed.pluginDir().map(configDirectory::resolve).orElseGet(Installation::defaultPluginDir);
        if (!parsed.syntaxErrors().isEmpty()) {
            return new ConfigurationLoad(pluginDir, null, new ValidationReport(parsed.syntaxErrors(),
                    java.util.Optional.empty()), parsed.text());
        }
        LoadedPlugins plugins = PluginHost.load(pluginDir, parsed.scriptSecurity());
        return new ConfigurationLoad(pluginDir, plugins,
                parsed.validate(plugins.registry(), HostInterfaces::exists, HostPrograms::whyNotRunnable),
                parsed.text());
    }

    public List<PluginProblem> pluginProblems() {
        return plugins == null ? List.of() : plugins.problems();
    }

    @Override
    public void close() {
        if (plugins != null) {
            plugins.close();
        }
    }
}
