package io.hakeeper.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import com.sun.jna.Function;

/**
 * The calls reach the kernel with what they are given, and a failure leaves its errno: a descriptor that
 * is not open is EBADF, as the rehearsal of a send relies on.
 */
class SyscallsTest {

    private static final int EBADF = 9;
    private static final int SIOCGIFINDEX = 0x8933;
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final Function SOCKET = Function.getFunction("c", "socket", Function.THROW_LAST_ERROR);
    private static final Function CLOSE = Function.getFunction("c", "close");

    @Test
    void aSendOnNoDescriptorFailsWithEbadf() {
        ByteBuffer frame = ByteBuffer.allocateDirect(64);
        assertEquals(-1, Syscalls.sendto(-1, Syscalls.addressOf(frame), 64, 0, 0, 0));
        assertEquals(EBADF, Syscalls.errno());
    }

    @Test
    void aReceiveOnNoDescriptorFailsWithEbadf() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        ByteBuffer length = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, 0);
        assertEquals(-1, Syscalls.recvfrom(-1, Syscalls.addressOf(buffer), 64, 0, 0, Syscalls.addressOf(length)));
        assertEquals(EBADF, Syscalls.errno());
    }

    @Test
    void anIoctlOnNoDescriptorFailsWithEbadf() {
        ByteBuffer ifreq = ByteBuffer.allocateDirect(40);
        ifreq.put(0, (byte) 'l').put(1, (byte) 'o');
        int result = Syscalls.ioctl(-1, SIOCGIFINDEX, Syscalls.addressOf(ifreq));
        assertEquals(-1, result);
        assertEquals(EBADF, Syscalls.errno());
    }

    /** The loopback interface is index 1 in every network namespace. */
    @Test
    void anIoctlGetsTheLoopbacksIndex() {
        int fd = SOCKET.invokeInt(new Object[] {AF_INET, SOCK_DGRAM, 0});
        try {
            ByteBuffer ifreq = ByteBuffer.allocateDirect(40).order(ByteOrder.nativeOrder());
            ifreq.put(0, (byte) 'l').put(1, (byte) 'o');
            assertEquals(0, Syscalls.ioctl(fd, SIOCGIFINDEX, Syscalls.addressOf(ifreq)), () -> "errno " + Syscalls.errno());
            assertEquals(1, ifreq.getInt(16));
        } finally {
            CLOSE.invokeInt(new Object[] {fd});
        }
    }

    @Test
    void onlyDirectBuffersHaveAnAddress() {
        assertThrows(IllegalArgumentException.class, () -> Syscalls.addressOf(ByteBuffer.allocate(8)));
        ByteBuffer direct = ByteBuffer.allocateDirect(8);
        assertEquals(Syscalls.addressOf(direct), Syscalls.addressOf(direct));
    }
}
