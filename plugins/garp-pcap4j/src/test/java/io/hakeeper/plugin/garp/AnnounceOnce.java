package io.hakeeper.plugin.garp;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import io.hakeeper.api.Announcer;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * Run by the wire test through {@code ip netns exec}: libpcap opens a device in the caller's network
 * namespace, so the announcer must run in a process that lives there.
 * Arguments: interface, how many calls, then the addresses. Exit 0 when every call returned.
 */
public final class AnnounceOnce {

    private AnnounceOnce() {
    }

    public static void main(String[] args) throws Exception {
        String interfaceName = args[0];
        int calls = Integer.parseInt(args[1]);
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            addresses.add(InetAddress.getByName(args[i]));
        }
        // the type has no settings: any read of them is a bug
        Settings none = (Settings) Proxy.newProxyInstance(Settings.class.getClassLoader(), new Class<?>[] {Settings.class},
                (proxy, method, arguments) -> {
                    throw new AssertionError("the pcap4j announcer read its settings: " + method.getName());
                });
        try (Announcer announcer = new Pcap4jAnnouncerFactory().create(none, new PluginContext("announcer", "test", null))) {
            for (int i = 0; i < calls; i++) {
                announcer.announce(interfaceName, addresses);
            }
        }
    }
}
