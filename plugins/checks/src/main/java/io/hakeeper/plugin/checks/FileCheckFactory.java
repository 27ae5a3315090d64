package io.hakeeper.plugin.checks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;

import org.pf4j.Extension;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * keepalived's vrrp_track_file: a file holding a number, reported as {@link io.hakeeper.api.CheckResult#value}
 * for the engine to multiply by the weight. The engine hands this factory each
 * {@code [vrrp_track_file.NAME]} table; {@code [vrrp_script.NAME] type = "file"} works as well.
 */
@Extension
public final class FileCheckFactory implements CheckFactory {

    static final String TYPE = "file";
    static final String FILE = "file";
    static final String INIT_FILE = "init_file";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(FILE, INIT_FILE);
    }

    @Override
    public Check create(Settings settings, Duration timeout, PluginContext context) {
        String written = settings.string(FILE);
        if (written.isBlank()) {
            throw settings.invalid(FILE, "expected a file name");
        }
        Path file = context.configDirectory().resolve(written).normalize();
        OptionalLong init = settings.has(INIT_FILE)
                ? OptionalLong.of(settings.integer(INIT_FILE, Integer.MIN_VALUE, Integer.MAX_VALUE))
                : OptionalLong.empty();
        return new FileCheck(file, init);
    }
}
