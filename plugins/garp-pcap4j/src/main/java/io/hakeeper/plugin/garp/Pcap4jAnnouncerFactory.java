package io.hakeeper.plugin.garp;

import org.pf4j.Extension;

import io.hakeeper.api.Announcer;
import io.hakeeper.api.AnnouncerFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * The {@code pcap4j} announcer ({@code global_defs.announcer = "pcap4j"}): keepalived's gratuitous ARP and
 * unsolicited neighbour advertisement, sent through libpcap (loaded only when this type is used). It has
 * no settings; timing (vrrp_garp_master_delay, repeat, refresh, interval) is the engine's. Creating one
 * opens nothing.
 */
@Extension
public final class Pcap4jAnnouncerFactory implements AnnouncerFactory {

    @Override
    public String type() {
        return "pcap4j";
    }

    @Override
    public Announcer create(Settings settings, PluginContext context) {
        return new FrameAnnouncer(new PcapLinks());
    }
}
