package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.Tracked;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.testsupport.Requirements;

/**
 * keepalived itself is the oracle of the import. Each corpus file is run by Debian's keepalived (2.2.7) in a
 * network namespace this test creates, with the interfaces the file names created inside it as veth pairs
 * (host interfaces are never touched). Its dumps are then compared with hakeeper's model of the imported file
 * (the HakeeperConfig record: there is no {@code config} control command yet):
 *
 * <ul>
 * <li>the JSON dump (SIGJSON, {@code keepalived --signum=JSON}; keepalived 2.2.7 is built with JSON and writes
 * /tmp/keepalived.json, an array of {"data": {...}, "stats": {...}} per instance): VRID, base priority,
 * advert interval, VIPs, nopreempt, preempt_delay, auth type, tracked interfaces and script count;</li>
 * <li>the text dump (SIGUSR1, {@code --signum=DATA}, /tmp/keepalived.data), because the JSON dump has no
 * unicast peers, no track weights and no track files or processes: unicast peers and every track list with
 * its weights and reverse flags.</li>
 * </ul>
 * keepalived -t and hakeeper must also agree on every file of broken/, and disagree exactly on the files of
 * differences/ (deliberate differences, listed in {@link KeepalivedCorpusTest#DIFFERENCES}).
 */
class KeepalivedOracleTest {

    private static final Path JSON = Path.of("/tmp/keepalived.json");
    private static final Path DATA = Path.of("/tmp/keepalived.data");
    private static final Pattern INTERFACE = Pattern.compile("\\b(eth[0-9]+)\\b");

    private static String keepalived;

    @BeforeAll
    static void requirements() {
        Requirements.requireRoot();
        Requirements.requireTool("ip");
        keepalived = Requirements.requireTool("keepalived").toString();
    }

    @Test
    void keepalivedRunsEveryValidFileAsHakeeperReadsIt() throws Exception {
        for (Path file : KeepalivedCorpus.files("valid")) {
            ValidationReport report = KeepalivedCorpus.check(file);
            assertTrue(report.ok(), () -> file + ": " + report.problems());
            HakeeperConfig config = report.config().orElseThrow();
            try (Namespace ns = new Namespace(file)) {
                assertEquals(0, ns.configTest(file), () -> file + ": keepalived -t refuses it: " + ns.lastOutput);
                ns.dump(file);
                String json = Files.readString(JSON);
                String data = Files.readString(DATA);
                List<Object> dumped = MiniJson.parseArray(json);
                assertEquals(config.instances().size(), dumped.size(), file + ": instances in " + json);
                for (Object entry : dumped) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> vrrp = (Map<String, Object>) ((Map<String, Object>) entry).get("data");
                    VrrpInstance instance = config.instances().get((String) vrrp.get("iname"));
                    compare(file, instance, vrrp, dataOf(data, instance.name()));
                }
            }
        }
    }

    @Test
    void keepalivedAndHakeeperAgreeOnWhichFilesAreValidExceptTheDocumentedDifferences() throws Exception {
        for (String kind : List.of("broken", "differences", "valid")) {
            for (Path file : KeepalivedCorpus.files(kind)) {
                boolean hakeeper = KeepalivedCorpus.check(file).ok();
                boolean keepalivedAccepts;
                try (Namespace ns = new Namespace(file)) {
                    keepalivedAccepts = ns.configTest(file) == 0;
                }
                boolean differs = kind.equals("differences");
                assertEquals(differs ? !hakeeper : hakeeper, keepalivedAccepts,
                        file + ": keepalived -t " + (keepalivedAccepts ? "accepts" : "refuses") + ", hakeeper "
                                + (hakeeper ? "accepts" : "refuses"));
            }
        }
    }

    private static void compare(Path file, VrrpInstance instance, Map<String, Object> vrrp, String data)
            throws IOException {
        String at = file.getFileName() + " " + instance.name() + ": ";
        assertEquals(instance.virtualRouterId(), ((Number) vrrp.get("vrid")).intValue(), at + "vrid");
        assertEquals(instance.priority(), ((Number) vrrp.get("base_priority")).intValue(), at + "priority");
        assertEquals(instance.advertInt().toMillis() / 1000.0, ((Number) vrrp.get("adver_int")).doubleValue(), 1e-9,
                at + "advert_int");
        assertEquals(instance.nopreempt(), vrrp.get("nopreempt"), at + "nopreempt");
        assertEquals(instance.preemptDelay().toSeconds(), ((Number) vrrp.get("preempt_delay")).longValue(),
                at + "preempt_delay");
        int authType = instance.authentication().map(a -> a.authType().equals("PASS") ? 1 : 2).orElse(0);
        assertEquals(authType, ((Number) vrrp.get("auth_type")).intValue(), at + "auth_type");
        List<String> vips = new ArrayList<>();
        instance.virtualAddresses().forEach(v -> vips.add(v.address().getHostAddress() + "/" + v.prefixLength()));
        List<String> dumpedVips = new ArrayList<>();
        for (Object vip : (List<?>) vrrp.getOrDefault("vips", List.of())) {
            String cidr = ((String) vip).split(" ")[0];
            String[] parts = cidr.split("/");
            InetAddress address = InetAddress.getByName(parts[0]);
            String length = parts.length > 1 ? parts[1] : address.getAddress().length == 4 ? "32" : "128";
            dumpedVips.add(address.getHostAddress() + "/" + length);
        }
        assertEquals(vips, dumpedVips, at + "virtual_ipaddress");
        assertEquals(names(instance.tracked(TrackKind.INTERFACE)), vrrp.getOrDefault("track_ifp", List.of()),
                at + "track_interface (JSON)");
        assertEquals(instance.tracked(TrackKind.SCRIPT).size(),
                ((List<?>) vrrp.getOrDefault("track_script", List.of())).size(), at + "track_script (JSON)");

        List<String> peers = new ArrayList<>();
        instance.unicastPeers().forEach(p -> peers.add(p.getHostAddress()));
        List<String> dumpedPeers = new ArrayList<>();
        for (String line : block(data, "Unicast Peer :")) {
            dumpedPeers.add(InetAddress.getByName(line.trim().split(" ")[0]).getHostAddress());
        }
        assertEquals(peers, dumpedPeers, at + "unicast_peer (data dump)");
        Map<TrackKind, String> headings = Map.of(TrackKind.INTERFACE, "Tracked interfaces :",
                TrackKind.SCRIPT, "Tracked scripts :", TrackKind.FILE, "Tracked files :",
                TrackKind.PROCESS, "Tracked processes :");
        for (Map.Entry<TrackKind, String> heading : headings.entrySet()) {
            List<String> expected = new ArrayList<>();
            instance.tracked(heading.getKey()).forEach(t -> expected.add(t.name() + " " + t.weight() + " " + t.reverse()));
            List<String> dumped = new ArrayList<>();
            Pattern entry = Pattern.compile("\\s*(\\S+?),? weight (-?\\d+)( reverse)?\\s*");
            for (String line : block(data, heading.getValue())) {
                Matcher m = entry.matcher(line);
                assertTrue(m.matches(), at + "unexpected data dump line: " + line);
                dumped.add(m.group(1) + " " + m.group(2) + " " + (m.group(3) != null));
            }
            assertEquals(expected, dumped, at + heading.getValue() + " (data dump)");
        }
    }

    private static List<String> names(List<Tracked> tracked) {
        return tracked.stream().map(Tracked::name).toList();
    }

    /** The part of the data dump about one instance. */
    private static String dataOf(String data, String instance) {
        int start = data.indexOf(" VRRP Instance = " + instance + "\n");
        assertTrue(start >= 0, "no instance " + instance + " in the data dump");
        int end = data.indexOf("\n VRRP Instance = ", start + 1);
        int section = data.indexOf("\n------<", start);
        end = end < 0 ? section : section < 0 ? end : Math.min(end, section);
        return data.substring(start, end < 0 ? data.length() : end);
    }

    /** The lines under a heading of the data dump, indented deeper than it. */
    private static List<String> block(String data, String heading) {
        List<String> lines = new ArrayList<>();
        String[] all = data.split("\n");
        for (int i = 0; i < all.length; i++) {
            if (all[i].trim().equals(heading)) {
                int indent = indent(all[i]);
                for (int j = i + 1; j < all.length && indent(all[j]) > indent; j++) {
                    lines.add(all[j]);
                }
            }
        }
        return lines;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** A network namespace holding the interfaces a corpus file names, each a veth pair; deleted on close. */
    private static final class Namespace implements AutoCloseable {
        private final String name = "hkimp" + ProcessHandle.current().pid();
        private final Path runDir;
        String lastOutput = "";

        Namespace(Path file) throws Exception {
            runDir = Files.createTempDirectory("hk-oracle");
            run("ip", "netns", "del", name);
            check("ip", "netns", "add", name);
            check("ip", "-n", name, "link", "set", "lo", "up");
            Set<String> interfaces = new TreeSet<>();
            interfaces.add("eth1");
            Matcher m = INTERFACE.matcher(textWithIncludes(file));
            while (m.find()) {
                interfaces.add(m.group(1));
            }
            int n = 1;
            for (String ifname : interfaces) {
                check("ip", "-n", name, "link", "add", ifname, "type", "veth", "peer", "name", ifname + "-p");
                check("ip", "-n", name, "link", "set", ifname, "up");
                check("ip", "-n", name, "link", "set", ifname + "-p", "up");
                check("ip", "-n", name, "addr", "add", "192.0.2." + n++ + "/32", "dev", ifname);
            }
            // the source addresses the corpus names must be the namespace's own
            check("ip", "-n", name, "addr", "add", "10.0.1.1/24", "dev", "eth1");
            check("ip", "-n", name, "addr", "add", "10.16.0.2/24", "dev", "eth1");
        }

        private static String textWithIncludes(Path file) throws IOException {
            StringBuilder text = new StringBuilder(Files.readString(file));
            Path included = file.getParent().resolve("included");
            if (Files.isDirectory(included)) {
                try (var files = Files.list(included)) {
                    for (Path f : files.toList()) {
                        text.append(Files.readString(f));
                    }
                }
            }
            return text.toString();
        }

        int configTest(Path file) throws Exception {
            return run("ip", "netns", "exec", name, keepalived, "-t", "-f", file.toString());
        }

        /** Runs keepalived's VRRP process on the file and has it write both dumps. */
        void dump(Path file) throws Exception {
            Files.deleteIfExists(JSON);
            Files.deleteIfExists(DATA);
            Path pid = runDir.resolve("keepalived.pid");
            Path vrrpPid = runDir.resolve("vrrp.pid");
            Process daemon = new ProcessBuilder("ip", "netns", "exec", name, keepalived, "--vrrp", "--dont-fork",
                    "--log-console", "--log-detail", "-f", file.toString(), "-p", pid.toString(), "-r",
                    vrrpPid.toString()).redirectErrorStream(true).redirectOutput(runDir.resolve("log").toFile()).start();
            try {
                waitFor(() -> Files.exists(vrrpPid), "keepalived's VRRP process to start");
                Thread.sleep(500);
                String main = Files.readString(pid).trim();
                run(keepalived, "--signum=JSON");
                String json = lastOutput.trim();
                run(keepalived, "--signum=DATA");
                String dataSignal = lastOutput.trim();
                check("kill", "-" + json, main);
                check("kill", "-" + dataSignal, main);
                waitFor(() -> Files.size(JSON) > 0 && Files.readString(JSON).trim().endsWith("]"), "/tmp/keepalived.json");
                waitFor(() -> Files.exists(DATA) && Files.readString(DATA).contains("VRRP Topology")
                        && Files.readString(DATA).contains("------< VRRP Sockpool"), "/tmp/keepalived.data");
                Thread.sleep(200);
            } finally {
                daemon.destroy();
                if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
                Thread.sleep(200);
            }
        }

        private interface Condition {
            boolean holds() throws Exception;
        }

        private void waitFor(Condition condition, String what) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try {
                    if (condition.holds()) {
                        return;
                    }
                } catch (IOException notYet) {
                    // the file is being written
                }
                Thread.sleep(50);
            }
            throw new AssertionError("timed out waiting for " + what + "; keepalived said:\n"
                    + Files.readString(runDir.resolve("log")));
        }

        private void check(String... command) throws Exception {
            int code = run(command);
            if (code != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + code + ": " + lastOutput);
            }
        }

        private int run(String... command) throws Exception {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            lastOutput = new String(p.getInputStream().readAllBytes());
            return p.waitFor();
        }

        @Override
        public void close() throws Exception {
            run("ip", "netns", "del", name);
        }
    }

    /** Just enough JSON for keepalived's dump: objects, arrays, strings, numbers, booleans, null. */
    static final class MiniJson {
        private final String s;
        private int i;

        private MiniJson(String s) {
            this.s = s;
        }

        static List<Object> parseArray(String text) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) new MiniJson(text).value();
            return list;
        }

        private Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                skip();
                while (s.charAt(i) != '}') {
                    String key = (String) value();
                    skip();
                    i++; // ':'
                    map.put(key, value());
                    skip();
                    if (s.charAt(i) == ',') {
                        i++;
                        skip();
                    }
                }
                i++;
                return map;
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                skip();
                while (s.charAt(i) != ']') {
                    list.add(value());
                    skip();
                    if (s.charAt(i) == ',') {
                        i++;
                        skip();
                    }
                }
                i++;
                return list;
            }
            if (c == '"') {
                StringBuilder out = new StringBuilder();
                i++;
                while (s.charAt(i) != '"') {
                    char ch = s.charAt(i++);
                    if (ch == '\\') {
                        char e = s.charAt(i++);
                        switch (e) {
                            case 'n' -> out.append('\n');
                            case 't' -> out.append('\t');
                            case 'u' -> {
                                out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                                i += 4;
                            }
                            default -> out.append(e);
                        }
                    } else {
                        out.append(ch);
                    }
                }
                i++;
                return out.toString();
            }
            int start = i;
            while (i < s.length() && ",]} \n".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String word = s.substring(start, i);
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> Double.valueOf(word);
            };
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
