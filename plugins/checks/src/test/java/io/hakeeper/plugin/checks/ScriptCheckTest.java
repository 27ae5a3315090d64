package io.hakeeper.plugin.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.SettingsException;

class ScriptCheckTest {

    @TempDir
    Path dir;

    private final ScriptCheckFactory factory = new ScriptCheckFactory();

    private Path script(String name, String body, String mode) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private Check check(String commandLine, Object... more) {
        Object[] keys = new Object[more.length + 2];
        keys[0] = "script";
        keys[1] = commandLine;
        System.arraycopy(more, 0, keys, 2, more.length);
        return Checks.create(factory, MapSettings.of(keys), dir);
    }

    @Test
    void exitStatusZeroIsUpWithTheLastLinePrinted() throws Exception {
        script("ok.sh", "echo first; echo all good", "rwxr-xr-x");
        try (Check check = check(dir + "/ok.sh")) {
            assertEquals(CheckResult.up("all good"), check.run());
        }
    }

    @Test
    void otherExitStatusIsDownWithStatusAndLastLine() throws Exception {
        script("fail.sh", "echo haproxy is gone >&2; exit 3", "rwxr-xr-x");
        try (Check check = check(dir + "/fail.sh")) {
            assertEquals(CheckResult.down("exit status 3: haproxy is gone"), check.run());
        }
    }

    @Test
    void quotedWordsArriveAsSingleArgumentsAndNoShellInterpretsTheLine() throws Exception {
        script("args.sh", "printf '%s|' \"$#\" \"$@\"; echo", "rwxr-xr-x");
        try (Check check = check("\"" + dir + "/args.sh\" 'a b' \"c  d\" $HOME ';' ls")) {
            assertEquals(CheckResult.up("5|a b|c  d|$HOME|;|ls|"), check.run());
        }
    }

    @Test
    void aRelativeScriptIsFoundFromTheConfigurationDirectoryAndABareNameOnThePath() throws Exception {
        script("rel.sh", "exit 0", "rwxr-xr-x");
        try (Check relative = check("./rel.sh"); Check onPath = check("true")) {
            assertEquals(CheckResult.up(""), relative.run());
            assertEquals(CheckResult.up(""), onPath.run());
        }
    }

    @Test
    void interruptedRunKillsTheScriptAndTheChildItStarted() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        script("hang.sh", "sleep 60 & echo $! > " + pidFile + "; wait", "rwxr-xr-x");
        Check check = check(dir + "/hang.sh");
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<CheckResult> run = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                return check.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(pidFile) && Files.size(pidFile) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).orElseThrow();
        ProcessHandle script = child.parent().orElseThrow();
        runner.get().interrupt();

        ExecutionException thrown = assertThrows(ExecutionException.class, () -> run.get(5, TimeUnit.SECONDS));
        assertTrue(thrown.getCause().getCause() instanceof InterruptedException, thrown.toString());
        child.onExit().get(5, TimeUnit.SECONDS);
        script.onExit().get(5, TimeUnit.SECONDS);
        assertFalse(child.isAlive());
        assertFalse(script.isAlive());
        check.close();
    }

    @Test
    void aMissingOrNonExecutableScriptIsAConfigurationError() throws Exception {
        script("plain.sh", "exit 0", "rw-r--r--");
        SettingsException missing = assertThrows(SettingsException.class, () -> check(dir + "/absent.sh"));
        assertEquals("test.script", missing.keyPath());
        SettingsException notExecutable = assertThrows(SettingsException.class, () -> check(dir + "/plain.sh"));
        assertTrue(notExecutable.problem().contains("not an executable file"), notExecutable.problem());
        assertThrows(SettingsException.class, () -> check("no-such-program-anywhere"));
        assertThrows(SettingsException.class, () -> check("'unterminated"));
    }

    @Test
    void scriptSecurityRefusesARootScriptThatOthersCanWrite() throws Exception {
        assumeTrue(isRoot(), "script security is about files owned by root: run as root");
        script("open.sh", "exit 0", "rwxrwxrwx");
        SettingsException refused = assertThrows(SettingsException.class,
                () -> check(dir + "/open.sh", "user", "root", "enable_script_security", true));
        assertTrue(refused.problem().contains("writable by everyone"), refused.problem());
        try (Check allowed = check(dir + "/open.sh", "user", "root")) {
            assertEquals(CheckResult.up(""), allowed.run());
        }
    }

    @Test
    void scriptSecurityRefusesAScriptInADirectoryOthersCanWrite() throws Exception {
        assumeTrue(isRoot(), "script security is about files owned by root: run as root");
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(open.resolve("s.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(open.resolve("s.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThrows(SettingsException.class,
                () -> check(open + "/s.sh", "user", "root", "enable_script_security", true));
    }

    @Test
    void scriptSecurityWithoutAnyUserToRunAsIsRefused() throws Exception {
        script("ok.sh", "exit 0", "rwxr-xr-x");
        assumeTrue(!userExists(ScriptUser.DEFAULT_USER), "this host has a keepalived_script user");
        SettingsException refused = assertThrows(SettingsException.class,
                () -> check(dir + "/ok.sh", "enable_script_security", true));
        assertEquals("test.user", refused.keyPath());
    }

    @Test
    void theScriptRunsAsTheConfiguredUserThroughSetpriv() throws Exception {
        assumeTrue(isRoot(), "changing user needs root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        script("who.sh", "echo \"$(id -un) $(id -gn)\"", "rwxr-xr-x");
        try (Check check = check(dir + "/who.sh", "user", "nobody nogroup")) {
            assertEquals(CheckResult.up("nobody nogroup"), check.run());
        }
        assertThrows(SettingsException.class, () -> check(dir + "/who.sh", "user", "no-such-user-here"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean userExists(String name) throws Exception {
        return new ProcessBuilder("id", name).start().waitFor() == 0;
    }
}
