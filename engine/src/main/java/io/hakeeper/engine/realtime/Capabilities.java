package io.hakeeper.engine.realtime;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/** The capabilities this process holds in effect now ({@code CapEff} in {@code /proc/self/status}). */
final class Capabilities {

    private Capabilities() {
    }

    static boolean has(int capability) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring("CapEff:".length()).trim(), 16).testBit(capability);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown: the kernel decides when asked
        }
        return false;
    }
}
