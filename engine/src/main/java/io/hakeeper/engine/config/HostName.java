package io.hakeeper.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's host name, the default router_id. Read from /proc rather than through
 * InetAddress.getLocalHost(), which may wait on DNS.
 */
public final class HostName {

    private HostName() {
    }

    public static String get() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            return name.isEmpty() ? "localhost" : name;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
