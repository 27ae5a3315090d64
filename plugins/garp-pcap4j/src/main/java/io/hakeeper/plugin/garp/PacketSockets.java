package io.hakeeper.plugin.garp;

import java.io.IOException;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.hakeeper.libc.Syscalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code packet} announcer's links: an AF_PACKET socket per interface, as keepalived sends its
 * announcements, each whole frame written with {@code sendto} to a {@code struct sockaddr_ll} that names
 * the interface by index. Protocol 0: the socket receives nothing, so the kernel copies no traffic to it
 * and it needs no ring or buffer of its own.
 *
 * <p>The send, once per frame, goes through the daemon's directly mapped {@link Syscalls} (a JNA
 * {@link Function} call converted its arguments by reflection: 2.2 µs more per frame). The rare calls
 * (socket, close, strerror) are JNA {@link Function}s, looked up by name in the C library JNA already holds
 * for everyone: no class of this plugin is handed to JNA (an interface mapping or a directly mapped class
 * would be cached by JNA forever, and with it this plugin's class loader, which a reload that replaces the
 * daemon must be able to unload).
 */
final class PacketSockets implements Links {

    private static final Logger LOG = LoggerFactory.getLogger(PacketSockets.class);

    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    /** No protocol: a socket that only sends and is handed no incoming frame. */
    private static final int NO_PROTOCOL = 0;
    /** struct sockaddr_ll: family, protocol (network order), ifindex, hatype, pkttype, halen, addr[8]. */
    private static final int SOCKADDR_LL_LENGTH = 20;
    private static final int SLL_PROTOCOL = 2;
    private static final int SLL_IFINDEX = 4;
    private static final int ETHERTYPE = 12;
    private static final int MAX_FRAME =
            Math.max(AnnouncementFrames.ARP_FRAME_LENGTH, AnnouncementFrames.NA_FRAME_LENGTH);

    private static final Function SOCKET = Function.getFunction("c", "socket", Function.THROW_LAST_ERROR);
    private static final Function CLOSE = Function.getFunction("c", "close", Function.THROW_LAST_ERROR);
    private static final Function STRERROR = Function.getFunction("c", "strerror");

    @Override
    public Link open(String interfaceName) throws IOException {
        int fd;
        try {
            fd = SOCKET.invokeInt(new Object[] {AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, NO_PROTOCOL});
        } catch (LastErrorException e) {
            throw new IOException("cannot open a packet socket for " + interfaceName + " (needs CAP_NET_RAW): "
                    + strerror(e), e);
        }
        int index;
        try {
            index = Integer.parseInt(SysClassNet.read(interfaceName, "ifindex", "index"));
        } catch (IOException | NumberFormatException e) {
            close(fd);
            throw e instanceof IOException io ? io
                    : new IOException("interface " + interfaceName + " has no index: " + e.getMessage(), e);
        }
        LOG.info("{}: packet socket opened for gratuitous ARP and neighbour advertisements", interfaceName);
        return new PacketSocket(fd, index);
    }

    /**
     * A {@code sendto} on no socket (descriptor -1, which the kernel refuses with EBADF before it reads
     * anything): the call's path and its error, run once. Nothing can be sent.
     */
    @Override
    public void warmUp() {
        Link nowhere = nowhere();
        try {
            nowhere.send(new byte[AnnouncementFrames.ARP_FRAME_LENGTH]);
        } catch (IOException expected) {
            // EBADF
        } finally {
            nowhere.close();
        }
    }

    /** A socket on no descriptor (-1): every send is refused with EBADF, after the call's whole path. */
    @Override
    public Link nowhere() {
        return new PacketSocket(-1, 0);
    }

    private static void close(int fd) {
        try {
            CLOSE.invokeInt(new Object[] {fd});
        } catch (LastErrorException e) {
            // the descriptor is released even when close reports an error (Linux)
        }
    }

    private static String strerror(LastErrorException e) {
        return strerror(e.getErrorCode());
    }

    private static String strerror(int errno) {
        return STRERROR.invokeString(new Object[] {errno}, false);
    }

    /**
     * One socket and the native memory its sends reuse: the frame is copied into it and the address's
     * protocol set from the frame, so that a send allocates nothing.
     */
    private static final class PacketSocket implements Link {

        private final Memory frame = new Memory(MAX_FRAME);
        private final Memory address = new Memory(SOCKADDR_LL_LENGTH);
        private final long frameAddress = Pointer.nativeValue(frame);
        private final long addressAddress = Pointer.nativeValue(address);
        private int fd;

        PacketSocket(int fd, int index) {
            this.fd = fd;
            address.clear();
            address.setShort(0, (short) AF_PACKET);
            address.setInt(SLL_IFINDEX, index);
        }

        @Override
        public void send(byte[] bytes) throws IOException {
            frame.write(0, bytes, 0, bytes.length);
            // the EtherType, in network order as in the frame: the kernel's skb->protocol
            address.setByte(SLL_PROTOCOL, bytes[ETHERTYPE]);
            address.setByte(SLL_PROTOCOL + 1, bytes[ETHERTYPE + 1]);
            if (Syscalls.sendto(fd, frameAddress, bytes.length, 0, addressAddress, SOCKADDR_LL_LENGTH) < 0) {
                throw new IOException(strerror(Syscalls.errno()));
            }
        }

        @Override
        public boolean isOpen() {
            return fd >= 0;
        }

        @Override
        public void close() {
            if (fd >= 0) {
                PacketSockets.close(fd);
                fd = -1;
            }
        }
    }
}
