package io.hakeeper.plugin.checks;

import java.nio.file.Path;
import java.time.Duration;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/** Creating checks the way the engine does, for the tests. */
final class Checks {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private Checks() {
    }

    static Check create(CheckFactory factory, Settings settings, Path configDirectory) {
        return factory.create(settings, TIMEOUT, new PluginContext("chk", "lb1", configDirectory));
    }
}
