package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing binary that the build can make or fetch belongs in the repository (a Debian package once slipped
 * into the root). Every file git tracks is looked at: a build product or package ({@code .jar}, {@code .deb},
 * ...) is refused anywhere, and any other binary file (a capture, or whatever git's own test finds binary)
 * is refused outside test data ({@value #TEST_DATA}). Outside a git checkout (a source tarball) there is
 * nothing to look at and the test says so quietly.
 */
class TrackedBinariesTest {

    /** Binary test data (a capture a test replays, say) lives here, under a module. */
    static final String TEST_DATA = "src/test/resources/";

    /** What a build makes or a package manager fetches: never committed, test data or not. */
    private static final List<String> BUILD_PRODUCTS = List.of(".deb", ".rpm", ".jar", ".war", ".class", ".jsa",
            ".tar.gz", ".tgz", ".tar.xz", ".zip", ".so");

    /** Binary by nature, allowed as test data only. */
    private static final List<String> BINARY_DATA = List.of(".pcap", ".pcapng");

    @Test
    void theRepositoryTracksNoBinaryOutsideTestData() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        Optional<List<String>> offending = offending(root);
        if (offending.isEmpty()) {
            System.out.println("TrackedBinariesTest: " + root + " is not a git checkout; nothing to check");
            return;
        }
        assertEquals(List.of(), offending.get(), "binary files tracked by git in " + root
                + " (build products never; other binaries only under */" + TEST_DATA + "): git rm them");
    }

    /** The rule itself, on a repository made for the purpose: it must tell each kind of file apart. */
    @Test
    void theRuleRefusesPackagesAndBinariesButNotTextOrBinaryTestData(@TempDir Path repository) throws Exception {
        Requirements.requireTool("git");
        git(repository, "init", "-q");
        write(repository.resolve("README.md"), "text\n".getBytes(StandardCharsets.UTF_8));
        write(repository.resolve("keepalived_1%3a2.2.7-1+b2_amd64.deb"), "!<arch>\n".getBytes(StandardCharsets.UTF_8));
        write(repository.resolve("engine/lib/helper.jar"), new byte[] {'P', 'K', 3, 4, 0, 0});
        write(repository.resolve("docs/diagram.bin"), new byte[] {1, 0, 2, 0, (byte) 0xff});
        write(repository.resolve("capture.pcap"), new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 0});
        write(repository.resolve("engine/src/test/resources/pcap/takeover.pcap"),
                new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 0});
        write(repository.resolve("engine/src/test/resources/blob.dat"), new byte[] {0, 1, 2, 0});
        write(repository.resolve("engine/src/test/resources/old.jar"), new byte[] {'P', 'K', 3, 4, 0});
        git(repository, "add", "-A");

        assertEquals(List.of("capture.pcap", "docs/diagram.bin", "engine/lib/helper.jar",
                        "engine/src/test/resources/old.jar", "keepalived_1%3a2.2.7-1+b2_amd64.deb"),
                offending(repository).orElseThrow().stream().sorted().toList());
    }

    @Test
    void outsideAGitCheckoutThereIsNothingToCheck(@TempDir Path tarball) throws Exception {
        Requirements.requireTool("git");
        write(tarball.resolve("hakeeper.deb"), new byte[] {0, 1});
        assertTrue(offending(tarball).isEmpty());
    }

    /**
     * The tracked files of the checkout at {@code root} that break the rule, or empty when {@code root} is
     * not in a git checkout. {@code git ls-files --eol} says "i/-text" for what git itself takes for binary.
     */
    static Optional<List<String>> offending(Path root) throws IOException, InterruptedException {
        // safe.directory: root runs the build in a checkout another user owns (CI, a shared machine)
        Command.Result inside = Command.of("git", "-c", "safe.directory=*", "-C", root, "rev-parse",
                "--is-inside-work-tree").run();
        if (inside.exitCode() != 0) {
            if (Files.exists(root.resolve(".git"))) {
                throw new AssertionError("git cannot read the checkout at " + root + ": " + inside);
            }
            return Optional.empty();
        }
        Command.Result listing = Command.of("git", "-c", "safe.directory=*", "-C", root, "ls-files", "--eol", "-z")
                .run();
        assertEquals(0, listing.exitCode(), listing::toString);
        List<String> offending = new ArrayList<>();
        for (String entry : listing.stdout().split("\0")) {
            int tab = entry.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String path = entry.substring(tab + 1);
            String name = path.toLowerCase(Locale.ROOT);
            boolean testData = path.startsWith(TEST_DATA) || path.contains("/" + TEST_DATA);
            boolean binary = entry.startsWith("i/-text") || BINARY_DATA.stream().anyMatch(name::endsWith);
            if (BUILD_PRODUCTS.stream().anyMatch(name::endsWith) || (binary && !testData)) {
                offending.add(path);
            }
        }
        return Optional.of(offending);
    }

    private static void git(Path repository, String... args) throws IOException, InterruptedException {
        List<Object> argv = new ArrayList<>(List.of("git", "-C", repository));
        argv.addAll(List.of(args));
        Command.Result result = Command.of(argv.toArray()).run();
        assertEquals(0, result.exitCode(), result::toString);
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
