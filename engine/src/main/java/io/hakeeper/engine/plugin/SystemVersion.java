package io.hakeeper.engine.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The hakeeper version a plugin's {@code Plugin-Requires} is checked against, filtered into
 * {@code version.properties} by the build. Without it pf4j would take "0.0.0", which it treats as
 * "accept every plugin", so a missing or unfiltered file is a broken build, not a default.
 */
final class SystemVersion {

    private static final String RESOURCE = "/io/hakeeper/engine/version.properties";

    private SystemVersion() {
    }

    static String current() {
        Properties properties = new Properties();
        try (InputStream in = SystemVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the engine jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String version = properties.getProperty("version", "");
        if (!version.matches("\\d+\\.\\d+\\.\\d+.*")) {
            throw new IllegalStateException(RESOURCE + " holds no version (was it filtered?): " + version);
        }
        return version;
    }
}
