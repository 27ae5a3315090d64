package io.hakeeper.plugin.soakfaults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;

/** A VIP backend whose next call for the address named in a trigger file hangs once; see the factory. */
final class SoakHangBackend implements VipBackend {

    static final String TRIGGER_FILE = "soak-vip-hang";
    static final int HANG_SECONDS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(SoakHangBackend.class);

    private final VipBackend delegate;
    private final Path trigger;

    SoakHangBackend(VipBackend delegate, Path trigger) {
        this.delegate = delegate;
        this.trigger = trigger;
    }

    @Override
    public void addAddress(String interfaceName, VirtualAddress address) throws Exception {
        hangIfAsked(address);
        delegate.addAddress(interfaceName, address);
    }

    @Override
    public void removeAddress(String interfaceName, VirtualAddress address) throws Exception {
        hangIfAsked(address);
        delegate.removeAddress(interfaceName, address);
    }

    @Override
    public List<VirtualAddress> listAddresses(String interfaceName) throws Exception {
        return delegate.listAddresses(interfaceName);
    }

    @Override
    public void addRoute(VirtualRoute route) throws Exception {
        delegate.addRoute(route);
    }

    @Override
    public void removeRoute(VirtualRoute route) throws Exception {
        delegate.removeRoute(route);
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }

    /** One hang per trigger: the file is removed before sleeping, so the next call goes through. */
    private void hangIfAsked(VirtualAddress address) throws InterruptedException {
        String wanted;
        try {
            wanted = Files.readString(trigger, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("soak-hang: cannot read {}: {}", trigger, e.toString());
            return;
        }
        if (!wanted.equals(address.address().getHostAddress())) {
            return;
        }
        try {
            Files.deleteIfExists(trigger);
        } catch (IOException e) {
            LOG.warn("soak-hang: cannot remove {}: {}", trigger, e.toString());
        }
        LOG.warn("soak-hang: the call for {} hangs for {} s, as the soak asked", wanted, HANG_SECONDS);
        Thread.sleep(HANG_SECONDS * 1000L);
    }
}
