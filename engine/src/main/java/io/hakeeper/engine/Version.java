package io.hakeeper.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * hakeeper's own version, filtered into {@code version.properties} by the build. It is also the system
 * version pf4j checks every plugin's {@code Plugin-Requires} against. Without it pf4j would take "0.0.0",
 * which it treats as "accept every plugin", so a missing or unfiltered file is a broken build, not a
 * default.
 */
public final class Version {

    private static final String RESOURCE = "/io/hakeeper/engine/version.properties";
    private static final String VERSION = read();

    private Version() {
    }

    public static String current() {
        return VERSION;
    }

    private static String read() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
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
