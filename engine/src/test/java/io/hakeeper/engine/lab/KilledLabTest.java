package io.hakeeper.engine.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.engine.testsupport.Requirements;

/**
 * A JVM that dies with a lab open leaves nothing behind for long: a SIGTERM runs the lab's shutdown hook,
 * and after a SIGKILL the next lab sweeps the dead JVM's namespaces.
 */
class KilledLabTest {

    @TempDir
    Path workDir;

    @BeforeEach
    void requirements() {
        Requirements.requireRoot();
        Requirements.requireTool("ip");
        Requirements.requireTool("sysctl");
    }

    @Test
    void aTerminatedJvmRemovesItsLabOnTheWayOut() throws Exception {
        Process holder = startHolder();
        String prefix = labPrefix(holder);
        assertEquals(3, namespacesStartingWith(prefix).size(), "switch, node and client");

        holder.destroy(); // SIGTERM
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the lab holder did not exit");

        assertEquals(List.of(), namespacesStartingWith(prefix));
    }

    @Test
    void aKilledJvmsLabIsSweptByTheNextLab() throws Exception {
        Process holder = startHolder();
        String prefix = labPrefix(holder);

        holder.destroyForcibly(); // SIGKILL: no hook runs
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the lab holder did not die");
        assertFalse(namespacesStartingWith(prefix).isEmpty(), "SIGKILL ran no cleanup, yet the lab is gone");

        NamespaceLab.create(1, workDir).close();

        assertEquals(List.of(), namespacesStartingWith(prefix));
    }

    private Process startHolder() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LabHolder.class.getName())
                .redirectError(workDir.resolve("holder.err").toFile())
                .start();
    }

    /** Reads the holder's switch namespace and returns the prefix all its namespaces share. */
    private String labPrefix(Process holder) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String switchNamespace = out.readLine();
        assertTrue(switchNamespace != null && switchNamespace.endsWith("-sw"), "holder said: " + switchNamespace
                + ", stderr: " + java.nio.file.Files.readString(workDir.resolve("holder.err")));
        return switchNamespace.substring(0, switchNamespace.length() - "sw".length());
    }

    private static List<String> namespacesStartingWith(String prefix) {
        return Namespaces.list().stream().filter(name -> name.startsWith(prefix)).toList();
    }
}
