package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
