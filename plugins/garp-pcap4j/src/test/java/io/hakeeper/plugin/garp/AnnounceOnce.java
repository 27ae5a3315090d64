package io.hakeeper.plugin.garp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.hakeeper.api.Announcer;
import io.hakeeper.api.AnnouncerFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * Run by the wire test through {@code ip netns exec}: an announcer opens its link in the caller's network
 * namespace (and reads the interface from that namespace's /sys), so it must run in a process that lives
 * there. Arguments: the announcer type, the interface, how many calls (or {@code stdin}: one call per line
 * read, each answered with "sent" or "failed: REASON", until the input ends; or {@code rehearse-N}: N
 * rehearsals, then one call), then the addresses. Exit 0 when every call returned.
 */
public final class AnnounceOnce {

    private AnnounceOnce() {
    }

    public static void main(String[] args) throws Exception {
        String type = args[0];
        String interfaceName = args[1];
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            addresses.add(InetAddress.getByName(args[i]));
        }
        // the types have no settings: any read of them is a bug
        Settings none = (Settings) Proxy.newProxyInstance(Settings.class.getClassLoader(), new Class<?>[] {Settings.class},
                (proxy, method, arguments) -> {
                    throw new AssertionError("the " + type + " announcer read its settings: " + method.getName());
                });
        AnnouncerFactory factory = switch (type) {
            case "packet" -> new PacketAnnouncerFactory();
            case "pcap4j" -> new Pcap4jAnnouncerFactory();
            default -> throw new IllegalArgumentException("no announcer type " + type);
        };
        try (Announcer announcer = factory.create(none, new PluginContext("announcer", "test", null))) {
            if (args[2].startsWith("rehearse-")) {
                for (int i = 0, rehearsals = Integer.parseInt(args[2].substring(9)); i < rehearsals; i++) {
                    announcer.rehearse(interfaceName, addresses);
                }
                announcer.announce(interfaceName, addresses);
                return;
            }
            if (!args[2].equals("stdin")) {
                for (int i = 0, calls = Integer.parseInt(args[2]); i < calls; i++) {
                    announcer.announce(interfaceName, addresses);
                }
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                try {
                    announcer.announce(interfaceName, addresses);
                    System.out.println("sent");
                } catch (Exception e) {
                    System.out.println("failed: " + e.getMessage());
                }
                System.out.flush();
            }
        }
    }
}
