package io.hakeeper.plugin.garp;

import org.pf4j.Extension;

import io.hakeeper.api.Announcer;
import io.hakeeper.api.AnnouncerFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * The {@code packet} announcer ({@code global_defs.announcer = "packet"}, the default): keepalived's
 * gratuitous ARP and unsolicited neighbour advertisement, sent on an AF_PACKET socket as keepalived sends
 * them. It has no settings; timing (vrrp_garp_master_delay, repeat, refresh, interval) is the engine's.
 * Creating one opens nothing.
 */
@Extension
public final class PacketAnnouncerFactory implements AnnouncerFactory {

    @Override
    public String type() {
        return "packet";
    }

    @Override
    public Announcer create(Settings settings, PluginContext context) {
        return new FrameAnnouncer(new PacketSockets());
    }
}
