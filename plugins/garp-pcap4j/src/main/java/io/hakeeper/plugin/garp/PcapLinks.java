package io.hakeeper.plugin.garp;

import java.io.IOException;

import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pcap4j} announcer's links: a libpcap handle per interface. The handle is there to send: a
 * filter that rejects every packet keeps the kernel from copying the interface's traffic into its capture
 * buffer. Only this class names pcap4j, so that the other announcer never loads it (nor libpcap).
 */
final class PcapLinks implements Links {

    private static final Logger LOG = LoggerFactory.getLogger(PcapLinks.class);

    private static final int SNAPLEN = 128;
    private static final int READ_TIMEOUT_MILLIS = 100;
    // The handle only sends, yet libpcap maps a receive ring for it: 2 MiB by default (TPACKET_V3's 256 KiB
    // blocks), every page of it resident, one per interface (8 MiB of a daemon's memory on four interfaces).
    // Immediate mode takes TPACKET_V2, whose ring is sized by this buffer: one page.
    private static final int RING_BYTES = 4096;
    // Never true; compiled unoptimised, because libpcap's optimiser refuses a filter that rejects everything.
    private static final String REJECT_ALL = "ether[0] & 0 != 0";

    @Override
    public Link open(String interfaceName) throws IOException {
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(interfaceName)
                    .snaplen(SNAPLEN)
                    .promiscuousMode(PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(READ_TIMEOUT_MILLIS)
                    .bufferSize(RING_BYTES)
                    .immediateMode(true)
                    .build();
        } catch (PcapNativeException e) {
            throw new IOException("cannot open " + interfaceName + " with libpcap (needs CAP_NET_RAW): "
                    + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IOException("cannot open " + interfaceName + ": libpcap is not loadable"
                    + " (Debian: apt-get install libpcap0.8): " + e.getMessage(), e);
        }
        try {
            handle.setFilter(REJECT_ALL, BpfCompileMode.NONOPTIMIZE);
        } catch (PcapNativeException | NotOpenException e) {
            // only a cost: the kernel keeps copying the interface's traffic to a buffer nobody reads
            LOG.warn("{}: cannot set the capture filter that ignores incoming traffic: {}", interfaceName,
                    e.getMessage());
        }
        LOG.info("{}: pcap handle opened for gratuitous ARP and neighbour advertisements", interfaceName);
        return new PcapLink(handle);
    }

    /** Opening a handle loads and links everything a send needs. */
    @Override
    public void warmUp() {
    }

    private record PcapLink(PcapHandle handle) implements Link {

        @Override
        public void send(byte[] frame) throws IOException {
            try {
                handle.sendPacket(frame);
            } catch (PcapNativeException | NotOpenException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public boolean isOpen() {
            return handle.isOpen();
        }

        @Override
        public void close() {
            handle.close();
        }
    }
}
