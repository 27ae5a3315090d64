package io.hakeeper.engine.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run behind ha-admin's class-data-sharing archive (lib/ha-admin.jsa). libexec/launch.sh runs
 * it under {@code -XX:ArchiveClassesAtExit} when the archive is missing or was made for another Java or
 * tree, and the build runs it once for the tree it assembles. It takes the real {@code status} path, socket
 * and all, against a stand-in daemon on a temporary socket that answers as hakeeperd does, so that the
 * archive holds every class a real {@code ha-admin status} loads although no daemon runs.
 */
public final class CdsTraining {

    /** HaAdminMain's first argument that runs this instead of a command: for the launcher, not in --help. */
    public static final String ARGUMENT = "--cds-training";

    /**
     * A status answer as hakeeperd writes it (docs/control-protocol.md): a master, a backup in maintenance
     * with no master known and an instance in FAULT with its cause, so that every kind of value the table
     * shows is read.
     */
    private static final String STATUS_ANSWER = "{\"ok\": true, \"result\": {\"version\": \"0.1.0\", \"uptime_s\": 78.6,"
            + " \"config_file\": \"/etc/hakeeper/hakeeper.toml\", \"instances\": ["
            + "{\"name\": \"VI_51\", \"state\": \"MASTER\", \"vrid\": 51, \"family\": \"inet\", \"interface\": \"eth0\","
            + " \"version\": 3, \"priority\": 150, \"effective_priority\": 150, \"master_ip\": \"10.0.0.11\","
            + " \"advert_int\": 0.1, \"vips\": [\"10.0.0.50/24\", \"10.0.0.51/24\"], \"maintenance\": false, \"fault_cause\": null},"
            + " {\"name\": \"VI_53\", \"state\": \"FAULT\", \"vrid\": 53, \"family\": \"inet\", \"interface\": \"eth2\","
            + " \"version\": 3, \"priority\": 100, \"effective_priority\": 100, \"master_ip\": null,"
            + " \"advert_int\": 1.0, \"vips\": [], \"maintenance\": false, \"fault_cause\": \"no address to send from\"},"
            + " {\"name\": \"VI_52\", \"state\": \"BACKUP\", \"vrid\": 52, \"family\": \"inet6\", \"interface\": \"eth1\","
            + " \"version\": 3, \"priority\": 100, \"effective_priority\": 80, \"master_ip\": null,"
            + " \"advert_int\": 1.0, \"vips\": [\"fe80::52:1/64\"], \"maintenance\": true, \"fault_cause\": null}]}}";

    private CdsTraining() {
    }

    /** Runs {@code status} and {@code --version} as a person would, their output discarded; 0 when both worked. */
    public static int run(PrintStream err) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        Path directory = null;
        try {
            directory = Files.createTempDirectory("ha-admin-cds-training");
            Path socket = directory.resolve("control.sock");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                // a daemon thread: should the client fail before connecting, the accept must not keep the JVM up
                Thread standIn = new Thread(() -> answerOnce(server), "stand-in hakeeperd");
                standIn.setDaemon(true);
                standIn.start();
                int status = HaAdmin.run(List.of("--socket", socket.toString(), "status"), discard, err);
                int version = HaAdmin.run(List.of("--version"), discard, err);
                return status != HaAdmin.OK ? status : version;
            } finally {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            err.println("ha-admin: the CDS training run failed: " + e);
            return HaAdmin.UNREACHABLE;
        } finally {
            if (directory != null) {
                directory.toFile().delete();
            }
        }
    }

    /** The stand-in hakeeperd: reads one request line and answers it with {@link #STATUS_ANSWER}. */
    private static void answerOnce(ServerSocketChannel server) {
        try (SocketChannel client = server.accept()) {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
            in.readLine();
            ByteBuffer answer = ByteBuffer.wrap((STATUS_ANSWER + "\n").getBytes(StandardCharsets.UTF_8));
            while (answer.hasRemaining()) {
                client.write(answer);
            }
        } catch (IOException e) {
            // the client then reports the broken exchange, and the training run fails with its code
        }
    }
}
