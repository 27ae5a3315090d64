package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/plugins.md, as a reader would use it: its files are taken from the page
 * itself, built with {@code mvn -o package} (which runs its unit test) in an empty directory outside the
 * reactor against nothing but hakeeper-api (this build's, installed into a private local repository), pf4j
 * and JUnit, and its jar dropped into {@code plugins/} of a copy of the tree, where {@code hakeeperd --check}
 * accepts a config using its type. The private repository takes everything else from the build's own local repository through a
 * file mirror, so the build never touches the network and never changes the user's repository.
 */
class WorkedExampleIT {

    private static final Pattern EXAMPLE_FILE = Pattern.compile("<!-- example: (\\S+) -->\\n```\\w*\\n(.*?)```\\n",
            Pattern.DOTALL);
    private static final String CONFIG = """
            [vrrp_script.chk_maintenance]
            type = "maintenance"
            path = "maintenance"
            interval = 1
            weight = -50

            [vrrp_instance.VI_1]
            interface = "lo"
            virtual_router_id = 51
            priority = 100
            advert_int = 1
            virtual_ipaddress = ["192.0.2.50/24"]
            track_script = ["chk_maintenance"]
            """;

    @TempDir
    Path dir;

    @Test
    void theDocumentedPluginBuildsOutsideTheReactorAndItsTypeIsAccepted() throws Exception {
        Path mvn = Requirements.requireTool("mvn");
        Path project = dir.resolve("check-maintenance");
        Map<String, String> files = exampleFiles();
        assertTrue(files.containsKey("pom.xml") && files.size() >= 2, "example files in plugins.md: " + files.keySet());
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = project.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        Path repository = dir.resolve("repository");
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>build-local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(Path.of(System.getProperty("hakeeper.m2")).toUri()));
        String[] offline = {"-q", "-B", "-o", "-Daether.offline.protocols=file", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository};

        // a pom of its own: the one inside the jar names the project's parent pom, which is in no repository
        // a third party reaches (the example declares pf4j itself, as the docs tell plugin authors to)
        Path apiPom = dir.resolve("hakeeper-api.pom");
        Files.writeString(apiPom, """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.hakeeper</groupId>
                  <artifactId>hakeeper-api</artifactId>
                  <version>0.1.0</version>
                </project>
                """);
        Command.Result install = Command.of(concat(mvn, offline,
                "org.apache.maven.plugins:maven-install-plugin:3.1.2:install-file",
                "-Dfile=" + System.getProperty("hakeeper.api.jar"), "-DpomFile=" + apiPom)).in(dir).run();
        assertEquals(0, install.exitCode(), install::toString);
        Command.Result build = Command.of(concat(mvn, offline, "package")).in(project).run();
        assertEquals(0, build.exitCode(), build::toString);
        Path jar = project.resolve("target/check-maintenance-1.0.0.jar");
        assertTrue(Files.isRegularFile(jar), "no jar: " + build);

        Path config = dir.resolve("hakeeper.toml");
        Files.writeString(config, CONFIG);
        Path pristine = Tree.built();
        Command.Result without = Command.of(pristine.resolve("bin/hakeeperd"), "--check", "-f", config).run();
        assertNotEquals(0, without.exitCode(), () -> "the type exists without the example's jar\n" + without);

        Path tree = Tree.copyTo(dir.resolve("tree"));
        Files.copy(jar, tree.resolve("plugins").resolve(jar.getFileName()));
        Command.Result check = Command.of(tree.resolve("bin/hakeeperd"), "--check", "-f", config).run();
        assertEquals(0, check.exitCode(), check::toString);
        assertTrue(check.stdout().contains("configuration OK"), check::toString);

        movesMastership(tree);
    }

    /**
     * The example's type in real use: node1 (priority 150) tracks the maintenance file with weight -60,
     * node2 (120) tracks nothing; the file appearing moves the VIP to node2, its removal brings it back.
     */
    private static void movesMastership(Path tree) throws Exception {
        Duration settle = Duration.ofSeconds(10);
        try (Segment segment = Segment.create("WorkedExampleIT", 2, tree)) {
            Path flag = segment.lab().workDir().resolve("maintenance-flag");
            Hakeeperd first = segment.start(segment.node(1), instance(150, """
                    [vrrp_script.chk_maintenance]
                    type = "maintenance"
                    path = "%s"
                    interval = 0.2
                    weight = -60
                    """.formatted(flag), "track_script = [\"chk_maintenance\"]"));
            first.awaitState("VI_1", "MASTER", settle);
            Hakeeperd second = segment.start(segment.node(2), instance(120, "", ""));
            second.awaitState("VI_1", "BACKUP", settle);
            segment.awaitVipOnlyOn(segment.node(1), ElectionIT.VIP, settle);

            Files.writeString(flag, "draining for an upgrade\n");
            second.awaitState("VI_1", "MASTER", settle);
            first.awaitState("VI_1", "BACKUP", settle);
            segment.awaitVipOnlyOn(segment.node(2), ElectionIT.VIP, settle);

            Files.delete(flag);
            first.awaitState("VI_1", "MASTER", settle);
            second.awaitState("VI_1", "BACKUP", settle);
            segment.awaitVipOnlyOn(segment.node(1), ElectionIT.VIP, settle);
            segment.assertClientReaches(ElectionIT.VIP);
        }
    }

    private static String instance(int priority, String scripts, String tracking) {
        return """
                %s
                [vrrp_instance.VI_1]
                interface = "eth0"
                version = 3
                virtual_router_id = 51
                priority = %d
                advert_int = 0.1
                virtual_ipaddress = ["%s/24"]
                %s
                """.formatted(scripts, priority, ElectionIT.VIP, tracking);
    }

    private static Map<String, String> exampleFiles() throws IOException {
        String page = Files.readString(Path.of(System.getProperty("hakeeper.docs"), "plugins.md"));
        Map<String, String> files = new LinkedHashMap<>();
        Matcher matcher = EXAMPLE_FILE.matcher(page);
        while (matcher.find()) {
            files.put(matcher.group(1), matcher.group(2));
        }
        return files;
    }

    private static Object[] concat(Path mvn, String[] options, String... more) {
        Object[] argv = new Object[1 + options.length + more.length];
        argv[0] = mvn;
        System.arraycopy(options, 0, argv, 1, options.length);
        System.arraycopy(more, 0, argv, 1 + options.length, more.length);
        return argv;
    }
}
