package io.hakeeper.plugin.vipiproute2;

import java.time.Duration;
import java.util.List;

import org.pf4j.Extension;

import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;
import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VipBackendFactory;

/**
 * The VIP backend {@code iproute2}, chosen with {@code vip_backend = "iproute2"}: runs {@code ip} from
 * the PATH, each call limited to {@value #TIMEOUT_SECONDS} seconds, and marks the addresses it adds as
 * hakeeper's over a netlink socket of its own (old {@code ip} cannot). It has no settings.
 */
@Extension
public final class IpRoute2BackendFactory implements VipBackendFactory {

    static final long TIMEOUT_SECONDS = 5;

    @Override
    public String type() {
        return "iproute2";
    }

    @Override
    public VipBackend create(Settings settings, PluginContext context) {
        Duration timeout = Duration.ofSeconds(TIMEOUT_SECONDS);
        return new IpRoute2Backend(new IpCommand(List.of("ip"), timeout),
                new NetlinkAddresses(new NetlinkSocket(NetlinkSocket::openHere, timeout)));
    }
}
