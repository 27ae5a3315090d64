package io.hakeeper.plugin.garp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An interface's attributes from {@code /sys/class/net/NAME/}: one small file of this network namespace,
 * where the JDK's {@code NetworkInterface.getByName} would list every address of the host (with 1,000
 * VIPs on it, milliseconds per read, on the way to the first gratuitous ARP).
 */
final class SysClassNet {

    private static final Path ROOT = Path.of("/sys/class/net");

    private SysClassNet() {
    }

    /** The attribute's text, trimmed; {@code what} names it in the error. */
    static String read(String interfaceName, String attribute, String what) throws IOException {
        try {
            return Files.readString(ROOT.resolve(interfaceName).resolve(attribute)).trim();
        } catch (NoSuchFileException e) {
            throw new IOException("no interface " + interfaceName + " in this network namespace", e);
        } catch (IOException e) {
            throw new IOException("cannot read the " + what + " of interface " + interfaceName + ": "
                    + e.getMessage(), e);
        }
    }
}
