package io.hakeeper.engine.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.hakeeper.engine.lab.CommandResult;
import io.hakeeper.engine.lab.HostCommands;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.LabProcess;
import io.hakeeper.engine.lab.NamespaceLab;

/**
 * The steps the failover and takeover trials share in their lab: starting a router, and waiting for what
 * they wait for (who holds the VIP, whether a router listens for VRRP yet, a probe polled until it answers
 * or a bound passes).
 */
final class TrialSteps {

    private static final Duration POLL = Duration.ofMillis(10);

    private TrialSteps() {
    }

    /**
     * Writes the node's configuration for {@code setup} with {@code priority} under {@code workDir/NODE/} and
     * starts the router on it, in the node's namespace.
     */
    static LabProcess startRouter(NamespaceLab lab, TrialSetup setup, Path home, Path workDir, LabNode node,
                                  int priority) {
        Path nodeDir = workDir.resolve(node.name());
        Path config = nodeDir.resolve(setup.router().configFileName());
        try {
            Files.createDirectories(nodeDir);
            Files.writeString(config, setup.router().config(setup, node.name(), priority));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        return lab.start(node, setup.router().argv(home, config, nodeDir).toArray(String[]::new));
    }

    /**
     * Polls {@code probe} every 10 ms until it has a value; after {@code timeout} the trial fails with
     * {@code failure}. {@code eachTry} runs before every poll (the demo follows the daemons' logs there).
     */
    static <T> T await(Supplier<Optional<T>> probe, Duration timeout, String failure, Runnable eachTry) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            eachTry.run();
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new TrialFailedException(failure + " within " + timeout.toSeconds() + " s");
            }
            sleep(POLL);
        }
    }

    /** The one node among {@code candidates} that has {@code vipWithPrefix} on its interface, if exactly one has. */
    static Optional<LabNode> soleHolder(List<LabNode> candidates, String vipWithPrefix) {
        LabNode holder = null;
        for (LabNode node : candidates) {
            CommandResult addresses = HostCommands.run(List.of("ip", "-n", node.namespace(), "-4", "-o",
                    "addr", "show", "dev", node.interfaceName()));
            if (addresses.succeeded() && addresses.stdout().contains(" " + vipWithPrefix + " ")) {
                if (holder != null) {
                    return Optional.empty();
                }
                holder = node;
            }
        }
        return Optional.ofNullable(holder);
    }

    /**
     * Whether a raw socket for IP protocol 112 is open in the node's namespace: the router is up and
     * listening for adverts. /proc/net/raw shows the protocol as the local "port", in hex.
     */
    static boolean listeningForVrrp(NamespaceLab lab, LabNode node) {
        return lab.exec(node, "cat", "/proc/net/raw").stdout().contains(":0070 ");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrialFailedException("interrupted");
        }
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }
}
