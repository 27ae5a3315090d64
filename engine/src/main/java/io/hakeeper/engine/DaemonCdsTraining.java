package io.hakeeper.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.hakeeper.engine.admin.HaAdmin;
import sun.misc.Signal;

/**
 * The training run behind hakeeperd's class-data-sharing archive (lib/hakeeperd.jsa). libexec/launch.sh
 * runs it under {@code -XX:ArchiveClassesAtExit} when the archive is missing or was made for another Java
 * or tree, and the build runs it once for the tree it assembles. It starts the real daemon, plugins and
 * all, on a configuration of its own, asks it for its status over the control socket as ha-admin does,
 * and stops it with SIGTERM, so that the archive holds the classes of the daemon's start, its control
 * server and its graceful stop.
 *
 * <p>It must never touch the network: its instances live on an interface that does not exist (so they
 * open no socket and wait in FAULT, and no VIP of theirs is looked for), and their elections are put off
 * by the longest {@code vrrp_startup_delay}, so that nothing would be sent even if that name existed.
 */
final class DaemonCdsTraining {

    /** hakeeperd's first argument that runs this instead of the daemon: for the launcher, not in --help. */
    static final String ARGUMENT = "--cds-training";

    /** 15 characters, the longest interface name Linux allows, and one no one gives an interface. */
    private static final String ABSENT_INTERFACE = "hk-cds-training";
    private static final long ANSWER_WAIT_MILLIS = 20_000;
    private static final long RETRY_MILLIS = 20;

    private DaemonCdsTraining() {
    }

    /** Runs the daemon until it has answered a status request; 0 when it started, answered and stopped. */
    static int run(PrintStream err) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("hakeeperd-cds-training");
            Path socket = directory.resolve("control.sock");
            Path config = directory.resolve("hakeeper.toml");
            Files.writeString(config, configuration(socket));
            boolean[] answered = new boolean[1];
            // a daemon thread: should the daemon fail to start, the JVM must not wait for it
            Thread asker = new Thread(() -> {
                answered[0] = askStatusUntilAnswered(socket);
                Signal.raise(new Signal("TERM"));
            }, "cds-training status");
            asker.setDaemon(true);
            asker.start();
            int code = HakeeperdMain.run(List.of("-f", config.toString()), new PrintStream(OutputStream.nullOutputStream()),
                    err);
            if (code != HakeeperdMain.OK) {
                return code;
            }
            asker.join(ANSWER_WAIT_MILLIS);
            return answered[0] ? HakeeperdMain.OK : HakeeperdMain.INVALID;
        } catch (IOException e) {
            err.println("hakeeperd: the CDS training run failed: " + e);
            return HakeeperdMain.INVALID;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HakeeperdMain.INVALID;
        } finally {
            deleteQuietly(directory);
        }
    }

    private static boolean askStatusUntilAnswered(Path socket) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        long deadline = System.nanoTime() + ANSWER_WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (Files.exists(socket)
                    && HaAdmin.run(List.of("--socket", socket.toString(), "status"), discard, discard) == HaAdmin.OK) {
                return true;
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    /** An address owner and a backup with authentication, the kinds of instance most hosts run. */
    private static String configuration(Path socket) {
        return """
                [global_defs]
                router_id = "cds-training"
                control_socket = "%s"
                vrrp_startup_delay = 4294

                [vrrp_instance.VI_1]
                interface = "%s"
                version = 3
                virtual_router_id = 1
                priority = 255
                advert_int = 1
                virtual_ipaddress = ["192.0.2.1/32"]

                [vrrp_instance.VI_2]
                state = "BACKUP"
                interface = "%s"
                virtual_router_id = 2
                priority = 100
                advert_int = 1
                authentication = { auth_type = "PASS", auth_pass = "training" }
                virtual_ipaddress = ["192.0.2.2/32"]
                """.formatted(socket, ABSENT_INTERFACE, ABSENT_INTERFACE);
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
