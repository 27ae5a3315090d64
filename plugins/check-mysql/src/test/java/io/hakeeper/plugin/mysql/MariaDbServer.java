package io.hakeeper.plugin.mysql;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real MariaDB server of the test's own (Debian's mariadb-server): a data directory made by
 * mariadb-install-db in a temp dir, mariadbd on a unix socket there and on a free port of 127.0.0.1, run
 * as root ({@code --user=root}, the tests run as root), with a probe user made by an init file. Missing
 * programs skip the test loudly, or fail it under {@code CI=true}.
 */
final class MariaDbServer implements AutoCloseable {

    static final String USER = "probe";
    static final String PASSWORD = "pr0be-secret";

    private final Path dir;
    private final int port;
    private Process process;

    private MariaDbServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static MariaDbServer start(Path dir) throws IOException, InterruptedException {
        Path mariadbd = require("mariadbd");
        Path installDb = require("mariadb-install-db");
        Path data = dir.resolve("data");
        run(dir, installDb.toString(), "--no-defaults", "--user=root", "--datadir=" + data, "--skip-test-db",
                "--auth-root-authentication-method=socket");
        Path init = dir.resolve("init.sql");
        Files.writeString(init, String.join("\n",
                "CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';",
                "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';",
                "CREATE DATABASE IF NOT EXISTS app;",
                "CREATE TABLE IF NOT EXISTS app.heartbeat (beat INT);",
                "DELETE FROM app.heartbeat;",
                "INSERT INTO app.heartbeat VALUES (42);",
                "GRANT SELECT ON app.* TO '" + USER + "'@'localhost';",
                "GRANT SELECT ON app.* TO '" + USER + "'@'127.0.0.1';", ""));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        MariaDbServer server = new MariaDbServer(dir, port);
        server.process = new ProcessBuilder(mariadbd.toString(), "--no-defaults", "--user=root",
                "--datadir=" + data, "--socket=" + server.socket(), "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--bind-address=127.0.0.1", "--port=" + port, "--init-file=" + init,
                "--log-error=" + dir.resolve("error.log"), "--skip-log-bin", "--innodb-buffer-pool-size=16M")
                .redirectErrorStream(true).redirectOutput(dir.resolve("mariadbd.out").toFile()).start();
        server.awaitSocket();
        return server;
    }

    Path socket() {
        return dir.resolve("mysqld.sock");
    }

    int port() {
        return port;
    }

    private void awaitSocket() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("mariadbd did not start:\n" + log());
            }
            Thread.sleep(100);
        }
    }

    String log() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "(no error.log)";
    }

    /** Stops the server (SIGTERM, as an operator's systemctl stop) and waits for it. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void run(Path dir, String... argv) throws IOException, InterruptedException {
        Path out = dir.resolve("install-db.out");
        Process install = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", List.of(argv)) + " failed:\n" + Files.readString(out));
        }
    }

    private static Path require(String program) {
        for (String directory : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "NEEDS the program '" + program + "' (Debian: apt-get install mariadb-server) - this test did NOT run";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: a missing requirement is a failure, not a skip)");
        }
        System.err.println("*** SKIPPED: " + message + " ***");
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
