package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bin/ scripts work as a newcomer would use them: from anywhere, through links, with any Java. */
class LauncherIT {

    private final Path tree = Tree.built();
    private final Path hakeeperd = tree.resolve("bin/hakeeperd");

    @Test
    void versionIsPrinted() throws Exception {
        Command.Result result = Command.of(hakeeperd, "--version").run();
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().startsWith("hakeeperd 0.1.0"), result::toString);
    }

    @Test
    void helpNamesEveryOption() throws Exception {
        Command.Result result = Command.of(hakeeperd, "--help").run();
        assertEquals(0, result.exitCode(), result::toString);
        for (String option : List.of("--config-file", "--check", "--control-socket", "--version", "--help")) {
            assertTrue(result.stdout().contains(option), option + " missing from\n" + result);
        }
    }

    @Test
    void wrongArgumentIsAUsageErrorNamingIt() throws Exception {
        Command.Result result = Command.of(hakeeperd, "--frobnicate").run();
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("unknown argument '--frobnicate'"), result::toString);
    }

    @Test
    void shippedExampleConfigPassesTheCheckFromAnyDirectory(@TempDir Path elsewhere) throws Exception {
        Command.Result result = Command.of(hakeeperd, "--check", "-f", tree.resolve("conf/hakeeper.toml"))
                .in(elsewhere).run();
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("configuration OK"), result::toString);
    }

    @Test
    void worksThroughAChainOfSymlinks(@TempDir Path dir) throws Exception {
        Path first = Files.createSymbolicLink(dir.resolve("hakeeperd-link"), hakeeperd);
        Path second = Files.createSymbolicLink(dir.resolve("hk"), first);
        Command.Result result = Command.of(second, "-t", "-f", "hakeeper.toml").in(tree.resolve("conf")).run();
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("configuration OK"), result::toString);
    }

    @Test
    void findsJavaThroughJavaHomeAlone(@TempDir Path toolsOnly) throws Exception {
        Command.Result result = Command.of(hakeeperd, "--version")
                .env("JAVA_HOME", System.getProperty("java.home"))
                .env("PATH", pathWithoutJava(toolsOnly))
                .run();
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().startsWith("hakeeperd 0.1.0"), result::toString);
    }

    @Test
    void findsJavaOnPathWithoutJavaHome() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        Command.Result result = Command.of(hakeeperd, "--version")
                .withoutEnv("JAVA_HOME")
                .env("PATH", javaBin + ":/usr/bin:/bin")
                .run();
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().startsWith("hakeeperd 0.1.0"), result::toString);
    }

    @Test
    void saysSoWhenThereIsNoJava(@TempDir Path toolsOnly) throws Exception {
        Command.Result result = Command.of(hakeeperd, "--version")
                .withoutEnv("JAVA_HOME")
                .env("PATH", pathWithoutJava(toolsOnly))
                .run();
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("no Java found: set JAVA_HOME or put java"), result::toString);
    }

    @Test
    void haAdminStartsAndPrintsItsVersion() throws Exception {
        Command.Result result = Command.of(tree.resolve("bin/ha-admin"), "--version").run();
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().startsWith("ha-admin 0.1.0"), result::toString);
    }

    @Test
    void haAdminMakesItsArchiveAgainInACopiedTreeAndUsesIt(@TempDir Path dir) throws Exception {
        Path copy = assertArchiveMadeAgainInACopyAndUsed(dir, "ha-admin", "HaAdminMain");

        Command.Result status = Command.of(copy.resolve("bin/ha-admin"), "--socket", dir.resolve("none.sock"), "status")
                .run();
        assertEquals(3, status.exitCode(), status::toString);
        assertTrue(status.stderr().startsWith("ha-admin: cannot reach hakeeperd at ") && status.stderr().lines().count() == 1,
                status::toString);
    }

    @Test
    void hakeeperdMakesItsArchiveAgainInACopiedTreeAndUsesIt(@TempDir Path dir) throws Exception {
        Path copy = assertArchiveMadeAgainInACopyAndUsed(dir, "hakeeperd", "HakeeperdMain");

        Command.Result check = Command.of(copy.resolve("bin/hakeeperd"), "--check", "-f", copy.resolve("conf/hakeeper.toml"))
                .run();
        assertEquals(0, check.exitCode(), check::toString);
        assertTrue(check.stdout().startsWith("configuration OK"), check::toString);
    }

    @Test
    void haAdminWorksQuietlyWithAnArchiveThatDoesNotFitOrNone(@TempDir Path dir) throws Exception {
        assertWorksQuietlyWithAnArchiveThatDoesNotFitOrNone(dir, "ha-admin", "HaAdminMain");
    }

    @Test
    void hakeeperdWorksQuietlyWithAnArchiveThatDoesNotFitOrNone(@TempDir Path dir) throws Exception {
        assertWorksQuietlyWithAnArchiveThatDoesNotFitOrNone(dir, "hakeeperd", "HakeeperdMain");
    }

    /**
     * A copy of the tree carries the build tree's archive and stamp, made for another class path: the
     * program's first run makes lib/PROGRAM.jsa again, and the runs after it map their classes from it.
     */
    private Path assertArchiveMadeAgainInACopyAndUsed(Path dir, String program, String mainClass) throws Exception {
        Path copy = Tree.copyTo(dir);
        Path stamp = copy.resolve("lib/" + program + ".jsa.stamp");
        assertTrue(Files.readString(stamp).contains(tree.resolve("lib").toRealPath().toString()), Files.readString(stamp));

        assertQuietVersion(copy, program);
        assertTrue(Files.readString(stamp).contains(copy.resolve("lib").toRealPath().toString()), Files.readString(stamp));
        assertTrue(Files.isRegularFile(copy.resolve("lib/" + program + ".jsa")));
        assertTrue(loadedFromArchive(copy, program, mainClass), "the remade archive is not used");
        return copy;
    }

    private void assertWorksQuietlyWithAnArchiveThatDoesNotFitOrNone(Path dir, String program, String mainClass)
            throws Exception {
        Path copy = Tree.copyTo(dir);
        assertQuietVersion(copy, program); // the stamp now says the archive fits this copy: it is not made again below
        Path archive = copy.resolve("lib/" + program + ".jsa");

        // made for another tree (the build's): the JVM checks the jars it was made from (names, sizes, times)
        // and uses it only if this tree holds the same ones
        Files.copy(tree.resolve("lib/" + program + ".jsa"), archive, StandardCopyOption.REPLACE_EXISTING);
        assertQuietVersion(copy, program);

        // made for another class path (the other program's): the JVM does without
        String other = program.equals("hakeeperd") ? "ha-admin" : "hakeeperd";
        Files.copy(tree.resolve("lib/" + other + ".jsa"), archive, StandardCopyOption.REPLACE_EXISTING);
        assertQuietVersion(copy, program);
        assertFalse(loadedFromArchive(copy, program, mainClass), "an archive made for another class path was used");

        // not an archive at all, as one of another JVM build would be to this one
        Files.delete(archive);
        Files.write(archive, new byte[64 * 1024]);
        assertQuietVersion(copy, program);

        Files.delete(archive);
        assertQuietVersion(copy, program);
        assertFalse(Files.exists(archive), "made again although the stamp says it was tried");
    }

    /** bin/PROGRAM --version in {@code tree} prints its version and nothing else, on either stream. */
    private static void assertQuietVersion(Path tree, String program) throws Exception {
        Command.Result result = Command.of(tree.resolve("bin/" + program), "--version").run();
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(program + " 0.1.0\n", result.stdout(), result::toString);
        assertEquals("", result.stderr(), result::toString);
    }

    /**
     * Whether bin/PROGRAM in {@code tree} maps its main class from lib/PROGRAM.jsa: ha-admin's is a dynamic
     * archive on top of the JDK's ("(top)"), hakeeperd's a static one; the JDK's default archive alone holds
     * neither main class.
     */
    private static boolean loadedFromArchive(Path tree, String program, String mainClass) throws Exception {
        Command.Result result = Command.of(tree.resolve("bin/" + program), "--version")
                .env("HAKEEPER_JAVA_OPTS", "-Xlog:class+load").run();
        assertEquals(0, result.exitCode(), result::toString);
        return result.stdout().contains("io.hakeeper.engine." + mainClass + " source: shared objects file");
    }

    @Test
    void treeHasItsLayoutAndExecutableScripts() throws Exception {
        for (String path : List.of("bin/hakeeperd", "bin/ha-admin", "conf/hakeeper.toml",
                "systemd/hakeeper.service", "lib", "plugins")) {
            assertTrue(Files.exists(tree.resolve(path)), path + " missing from " + tree);
        }
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(tree.resolve("bin/hakeeperd"));
        assertTrue(modes.contains(PosixFilePermission.OTHERS_EXECUTE), modes::toString);
        Tree.pluginJar(tree, "auth");
    }

    @Test
    void tarballHoldsTheTreeWithExecutableScripts() throws Exception {
        Path tarball = tree.getParent().resolve("hakeeper-0.1.0.tar.gz");
        assertTrue(Files.isRegularFile(tarball), "no " + tarball);
        Command.Result listing = Command.of("tar", "-tvzf", tarball).run();
        assertEquals(0, listing.exitCode(), listing::toString);
        String entries = listing.stdout();
        assertTrue(entries.lines().anyMatch(e -> e.startsWith("-rwxr-xr-x") && e.endsWith(" hakeeper-0.1.0/bin/hakeeperd")),
                entries);
        assertTrue(entries.lines().anyMatch(e -> e.endsWith(" hakeeper-0.1.0/conf/hakeeper.toml")), entries);
        assertTrue(entries.lines().anyMatch(e -> e.matches(".* hakeeper-0\\.1\\.0/plugins/auth-.*\\.jar")), entries);
        assertTrue(entries.lines().anyMatch(e -> e.matches(".* hakeeper-0\\.1\\.0/lib/hakeeper-engine-.*\\.jar")),
                entries);
        // the class data sharing archives fit the build's tree only: made where installed instead
        assertFalse(entries.contains("ha-admin.jsa"), entries);
        assertFalse(entries.contains("hakeeperd.jsa"), entries);
    }

    /**
     * Started as {@code nohup} starts it, or as a script's background job (SIGHUP, SIGINT ignored), the
     * daemon still reloads on SIGHUP and stops on SIGINT: the JVM would keep an inherited SIG_IGN and drop
     * the signals without a word. A daemon without instances needs neither root nor a network.
     */
    @Test
    void aDaemonStartedWithSighupAndSigintIgnoredStillAnswersThem(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("hakeeper.toml");
        Files.writeString(config, "[global_defs]\nrouter_id = \"signals\"\n");
        Path log = dir.resolve("hakeeperd.log");
        Process daemon = new ProcessBuilder("sh", "-c", "trap '' HUP INT; exec \"$0\" -f \"$1\" --control-socket \"$2\"",
                hakeeperd.toString(), config.toString(), dir.resolve("control.sock").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLogged(log, "hakeeperd running", daemon);
            Command.Result hup = Command.of("kill", "-HUP", Long.toString(daemon.pid())).run();
            assertEquals(0, hup.exitCode(), hup::toString);
            awaitLogged(log, "hakeeperd: reload (SIGHUP)", daemon);
            Command.Result interrupt = Command.of("kill", "-INT", Long.toString(daemon.pid())).run();
            assertEquals(0, interrupt.exitCode(), interrupt::toString);
            assertTrue(daemon.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), () -> "SIGINT did not stop it:\n"
                    + read(log));
            assertEquals(0, daemon.exitValue(), () -> read(log));
        } finally {
            daemon.destroyForcibly();
        }
    }

    private static void awaitLogged(Path log, String text, Process daemon) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!read(log).contains(text)) {
            assertTrue(daemon.isAlive(), () -> "hakeeperd exited:\n" + read(log));
            assertTrue(System.nanoTime() < deadline, () -> "no '" + text + "' within 20 s:\n" + read(log));
            Thread.sleep(50);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** A PATH holding only the tools the launcher itself uses, and no java. */
    private static String pathWithoutJava(Path dir) throws Exception {
        for (String tool : List.of("sh", "readlink", "dirname", "basename")) {
            Path found = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                    .filter(Files::isExecutable).findFirst().orElseThrow();
            Files.createSymbolicLink(dir.resolve(tool), found);
        }
        return dir.toString();
    }
}
