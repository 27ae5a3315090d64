package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import io.hakeeper.engine.control.Json;
import io.hakeeper.engine.lab.LabNode;

/**
 * What {@code config} shows every member of control_group: TOML that {@code hakeeperd --check} accepts, with
 * no secret in it, however the file wrote the secret (inline table, dotted key, multi-line strings, a
 * plugin's own secret key) and also when the daemon runs a keepalived.conf directly.
 */
class ConfigSecretsIT {

    private static final Duration ANSWER = Duration.ofSeconds(20);

    private record Case(String name, String fileName, String text, List<String> secrets) {
    }

    private static String instance(int vrid, String authentication) {
        return """
                [vrrp_instance.VI_%d]
                interface = "eth0"
                version = 2
                virtual_router_id = %d
                priority = 100
                advert_int = 1
                virtual_ipaddress = ["192.0.2.%d/24"]
                %s
                """.formatted(vrid, vrid, vrid, authentication);
    }

    private static List<Case> cases() {
        return List.of(
                new Case("inline table", "inline.toml",
                        instance(61, "authentication = { auth_type = \"PASS\", auth_pass = \"inl1ne\" }"),
                        List.of("inl1ne")),
                new Case("dotted key", "dotted.toml",
                        instance(62, "authentication.auth_type = \"PASS\"\nauthentication.auth_pass = \"d0tted\""),
                        List.of("d0tted")),
                new Case("multi-line strings", "multiline.toml", """
                        [vrrp_script.chk_db]
                        type = "mysql"
                        host = "192.0.2.99"
                        user = "probe"
                        password = '''
                        my5ql-pw'''
                        interval = 5

                        """ + instance(63, "authentication = { auth_type = \"PASS\", auth_pass = \"\"\"\nmult1\"\"\" }"),
                        List.of("my5ql-pw", "mult1")),
                new Case("keepalived.conf", "keepalived.conf", """
                        vrrp_instance VI_64 {
                            interface eth0
                            virtual_router_id 64
                            priority 100
                            advert_int 1
                            authentication {
                                auth_type PASS
                                auth_pass kalived
                            }
                            virtual_ipaddress {
                                192.0.2.64/24
                            }
                        }
                        """, List.of("kalived")));
    }

    @Test
    void theConfigAnswerIsTomlThatLoadsAgainAndHoldsNoSecret() throws Exception {
        List<Case> cases = cases();
        try (Segment segment = Segment.create("ConfigSecretsIT", cases.size())) {
            List<ControlIT.Admin> admins = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                LabNode node = segment.node(i + 1);
                Path file = Files.writeString(segment.lab().workDir().resolve(cases.get(i).fileName()),
                        cases.get(i).text());
                Path socket = Path.of("/tmp/hk-secrets-" + node.namespace() + ".sock");
                segment.start(node, file, "--control-socket", socket.toString());
                admins.add(new ControlIT.Admin(segment.tree(), socket));
            }
            List<Executable> checks = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                Case example = cases.get(i);
                ControlIT.Admin admin = admins.get(i);
                Path shown = segment.lab().workDir().resolve("shown-" + i + ".toml");
                checks.add(() -> assertShownSafely(example, awaitConfig(admin, segment), shown, segment.tree()));
            }
            assertAll(checks);
        }
    }

    private static void assertShownSafely(Case example, String answer, Path shown, Path tree) throws Exception {
        for (String secret : example.secrets()) {
            assertFalse(answer.contains(secret), example.name() + ": the secret " + secret + " is shown:\n" + answer);
        }
        String toml = (String) ControlIT.map(Json.parseObject(answer).get("result")).get("toml");
        TomlParseResult parsed = Toml.parse(toml);
        assertEquals(List.of(), parsed.errors(), example.name() + ": not TOML:\n" + toml);
        Files.writeString(shown, toml);
        Command.Result check = Command.of(tree.resolve("bin/hakeeperd"), "--check", "-f", shown)
                .in(shown.getParent()).run();
        assertEquals(0, check.exitCode(), example.name() + ": the shown configuration does not load:\n" + toml
                + "\n" + check);
        assertTrue(check.stdout().contains("configuration OK"), check::toString);
    }

    /** The {@code config} answer once the daemon serves its control socket. */
    private static String awaitConfig(ControlIT.Admin admin, Segment segment) {
        long deadline = System.nanoTime() + ANSWER.toNanos();
        while (true) {
            Command.Result result = admin.run("config");
            if (result.exitCode() == 0) {
                return result.stdout();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no config answer within " + ANSWER + ":\n" + result + "\n" + segment.logs());
            }
            Hakeeperd.sleep(100);
        }
    }
}
