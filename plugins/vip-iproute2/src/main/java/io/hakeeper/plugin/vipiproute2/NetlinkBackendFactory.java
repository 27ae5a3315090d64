package io.hakeeper.plugin.vipiproute2;

import java.time.Duration;

import org.pf4j.Extension;

import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;
import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VipBackendFactory;

/**
 * The VIP backend {@code netlink}, the default of {@code global_defs.vip_backend}: addresses over rtnetlink
 * inside the daemon (needs CAP_NET_ADMIN, as {@code ip} does), routes through the {@code iproute2}
 * backend's {@code ip route}. Each netlink answer is awaited at most
 * {@value IpRoute2BackendFactory#TIMEOUT_SECONDS} seconds, the limit of one {@code ip} call. It has no
 * settings.
 */
@Extension
public final class NetlinkBackendFactory implements VipBackendFactory {

    @Override
    public String type() {
        return "netlink";
    }

    @Override
    public VipBackend create(Settings settings, PluginContext context) {
        NetlinkSocket socket = new NetlinkSocket(NetlinkSocket::openHere,
                Duration.ofSeconds(IpRoute2BackendFactory.TIMEOUT_SECONDS));
        return new NetlinkBackend(socket, new IpRoute2BackendFactory().create(settings, context));
    }
}
