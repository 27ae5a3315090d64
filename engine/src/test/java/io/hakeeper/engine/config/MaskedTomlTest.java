package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The configuration shown by {@code config} is TOML that parses again, means what the file means, and holds
 * no secret, however the file wrote it.
 */
class MaskedTomlTest {

    private static final Set<String> SECRETS = Set.of("auth_pass", "password");

    /** Parses the masked text and checks it against the original document with secrets replaced. */
    private static String assertMaskedRoundTrip(String toml, String... secretValues) {
        TomlParseResult original = Toml.parse(toml);
        assertEquals(List.of(), original.errors(), "the test's own TOML is wrong");
        String masked = MaskedToml.write(original, SECRETS);
        TomlParseResult again = Toml.parse(masked);
        assertEquals(List.of(), again.errors(), () -> "not TOML:\n" + masked);
        assertEquals(plain(original, true), plain(again, false), () -> "another document:\n" + masked);
        for (String secret : secretValues) {
            assertFalse(masked.contains(secret), () -> "the secret " + secret + " is shown:\n" + masked);
        }
        return masked;
    }

    /** The document as maps and lists; with {@code mask}, secrets' values as the mask would show them. */
    private static Object plain(Object value, boolean mask) {
        if (value instanceof TomlTable table) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (String key : table.keySet()) {
                Object inner = table.get(List.of(key));
                boolean masked = mask && SECRETS.contains(key) && !(inner instanceof TomlTable);
                map.put(key, masked ? MaskedToml.MASK : plain(inner, mask));
            }
            return map;
        }
        if (value instanceof TomlArray array) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                list.add(plain(array.get(i), mask));
            }
            return list;
        }
        return value;
    }

    @Test
    void secretInAnInlineTableIsMaskedAndTheResultIsToml() {
        String masked = assertMaskedRoundTrip("""
                [vrrp_instance.VI_1]
                interface = "eth0"
                authentication = { auth_type = "PASS", auth_pass = "s3cret" }
                """, "s3cret");
        assertTrue(masked.contains("auth_pass = \"********\""), masked);
    }

    @Test
    void secretWrittenAsADottedKeyIsMasked() {
        assertMaskedRoundTrip("""
                [vrrp_instance.VI_1]
                authentication.auth_type = "PASS"
                authentication.auth_pass = "dotted-secret"
                "quoted.name" = 'literal'
                """, "dotted-secret");
    }

    @Test
    void secretInMultiLineStringsIsMasked() {
        assertMaskedRoundTrip("""
                [vrrp_instance.VI_1]
                authentication = { auth_type = "PASS", auth_pass = \"""
                basic-secret\""" }

                [vrrp_instance.VI_2.authentication]
                auth_type = "AH"
                auth_pass = '''
                literal-secret'''
                """, "basic-secret", "literal-secret");
    }

    @Test
    void secretsInArraysOfTablesAndEveryValueTypeSurvive() {
        assertMaskedRoundTrip("""
                top = "first"
                [[probe]]
                password = "array-secret"
                port = 3306
                [[probe]]
                password = ["listed-secret"]
                [vrrp_instance.VI_1]
                track_script = [{ name = "chk", weight = -20, reverse = true }, "plain"]
                virtual_ipaddress = ["192.0.2.1/24", "192.0.2.2/24 dev eth0"]
                empty = []
                advert_int = 0.1
                tiny = 1e-9
                flag = false
                text = "tab\\tquote\\" backslash\\\\ é \\u0001"
                matrix = [[1, 2], [3]]
                when = 1979-05-27T07:32:00Z
                """, "array-secret", "listed-secret");
    }

    @Test
    void aTableNamedLikeASecretKeyIsWalkedIntoNotMaskedWhole() {
        String masked = assertMaskedRoundTrip("""
                [vrrp_script.password]
                password = "section-secret"
                auth = { password = { kept = "not a secret" } }
                """, "section-secret");
        assertTrue(masked.contains("[vrrp_script.password]") && masked.contains("not a secret"), masked);
    }

    @Test
    void aKeepalivedConfTranslationIsMaskedLikeAnyToml() throws Exception {
        String keepalived = """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    authentication {
                        auth_type PASS
                        auth_pass kaSecret
                    }
                    virtual_ipaddress {
                        192.0.2.10/24
                    }
                }
                """;
        String toml = io.hakeeper.engine.config.keepalived.KeepalivedImport
                .translate(keepalived, java.nio.file.Path.of("/etc/keepalived/keepalived.conf")).toml();
        assertTrue(toml.contains("kaSecret"), toml);
        assertMaskedRoundTrip(toml, "kaSecret");
    }
}
