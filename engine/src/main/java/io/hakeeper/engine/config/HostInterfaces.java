package io.hakeeper.engine.config;

import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * Whether a network interface exists on this host now: the {@code interfaceExists} a daemon or
 * {@code hakeeperd --check} hands to {@link ParsedConfig#validate}. Tests pass their own.
 */
public final class HostInterfaces {

    private HostInterfaces() {
    }

    public static boolean exists(String name) {
        try {
            return NetworkInterface.getByName(name) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
