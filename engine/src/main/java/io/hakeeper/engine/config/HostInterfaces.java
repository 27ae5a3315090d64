package io.hakeeper.engine.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a network interface exists on this host now: the {@code interfaceExists} a daemon or
 * {@code hakeeperd --check} hands to {@link ParsedConfig#validate}. Tests pass their own.
 *
 * <p>The kernel is asked about the one name: {@code /sys/class/net/NAME} is there for every interface, with
 * an address or without, up or down. (The JDK's {@code NetworkInterface.getByName} lists every interface
 * for each call and misses one that has no address.) sysfs shows the network namespace it was mounted in,
 * which is the daemon's own under {@code ip netns exec}, in a container and on the host.
 */
public final class HostInterfaces {

    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");
    /** IFNAMSIZ less the terminating NUL. */
    private static final int MAX_NAME = 15;

    private HostInterfaces() {
    }

    public static boolean exists(String name) {
        // a name the kernel would refuse could otherwise reach another sysfs entry ("..", "a/b")
        if (name.isEmpty() || name.length() > MAX_NAME || name.contains("/") || name.equals(".") || name.equals("..")) {
            return false;
        }
        return Files.isDirectory(SYS_CLASS_NET.resolve(name));
    }
}
