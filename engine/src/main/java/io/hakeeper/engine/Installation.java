package io.hakeeper.engine;

import java.nio.file.Path;

/**
 * Where the running distribution lives. The launcher scripts pass {@code -Dhakeeper.home}; without it
 * (running from an IDE or a test) the current directory stands in.
 */
public final class Installation {

    private Installation() {
    }

    public static Path home() {
        String home = System.getProperty("hakeeper.home");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    /** The default plugin directory: {@code plugins/} beside {@code bin/}. */
    public static Path defaultPluginDir() {
        return home().resolve("plugins");
    }
}
