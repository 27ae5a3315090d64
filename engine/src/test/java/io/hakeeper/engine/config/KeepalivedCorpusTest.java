package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import io.hakeeper.engine.config.keepalived.KeepalivedImport;

/** The corpus against hakeeper alone; {@link KeepalivedOracleTest} holds it against keepalived itself. */
class KeepalivedCorpusTest {

    /** Keys whose keepalived keyword keepalived 2.2.7 (Debian 12) does not have, so no valid file can hold them. */
    static final Map<String, String> NOT_IN_KEEPALIVED_2_2_7 = Map.of(
            "global_defs.v3_checksum_as_v2", "unknown to keepalived 2.2.7 (see differences/v3-checksum-as-v2.conf)");

    /**
     * The files where keepalived -t and hakeeper disagree, each a deliberate difference listed in
     * docs/configuration.md, "Deliberate differences from keepalived"; true: hakeeper accepts it.
     */
    static final Map<String, Boolean> DIFFERENCES = Map.of(
            "use-vmac.conf", false,          // use_vmac refused with "not supported yet"
            "v3-checksum-as-v2.conf", true,  // keepalived 2.2.7 has no v3_checksum_as_v2 keyword
            "garp-interval-zero.conf", true); // vrrp_garp_interval 0 accepted, as "no delay"

    /** The keepalived line each broken file's first error is at. */
    static final Map<String, Integer> BROKEN_AT = Map.of(
            "unknown-keyword.conf", 4,
            "missing-brace.conf", 1,
            "extra-brace.conf", 8,
            "bad-priority.conf", 4,
            "vrid-out-of-range.conf", 3,
            "unknown-section.conf", 1,
            "long-auth-pass.conf", 4,  // at authentication {: an inline table's key is reported at the table
            "owner-nopreempt.conf", 5,
            "bad-vip.conf", 4);  // an array element is reported at its key's line (virtual_ipaddress {)

    @Test
    void theCorpusHasAtLeastADozenValidFiles() {
        assertTrue(KeepalivedCorpus.files("valid").size() >= 12, KeepalivedCorpus.files("valid").toString());
    }

    @Test
    void everyValidFileImportsAndValidates() throws IOException {
        for (Path file : KeepalivedCorpus.files("valid")) {
            ValidationReport report = KeepalivedCorpus.check(file);
            assertTrue(report.ok(), () -> file + ": " + report.problems());
        }
    }

    @Test
    void everyBrokenFileGivesAnErrorAtItsKeepalivedFileAndLine() throws IOException {
        assertEquals(BROKEN_AT.keySet(), names("broken"));
        for (Path file : KeepalivedCorpus.files("broken")) {
            ValidationReport report = KeepalivedCorpus.check(file);
            assertFalse(report.errors().isEmpty(), file + " should be refused");
            Problem first = report.errors().get(0);
            assertEquals(file.toString(), first.position().file(), first.toString());
            assertEquals(BROKEN_AT.get(file.getFileName().toString()), first.position().line(), first.toString());
        }
    }

    @Test
    void everyDocumentedDifferenceGoesTheWayTheDocsSay() throws IOException {
        assertEquals(DIFFERENCES.keySet(), names("differences"));
        for (Path file : KeepalivedCorpus.files("differences")) {
            ValidationReport report = KeepalivedCorpus.check(file);
            assertEquals(DIFFERENCES.get(file.getFileName().toString()), report.ok(), () -> file + ": " + report.problems());
        }
    }

    @Test
    void theCorpusCoversEveryKeywordOfTheSchemaThatKeepalivedHas() throws IOException {
        Set<String> wanted = new TreeSet<>();
        for (SectionSpec section : ConfigSchema.allSections()) {
            section.keys().stream().filter(k -> !k.keepalived().isEmpty())
                    .forEach(k -> wanted.add(section.name() + "." + k.name()));
        }
        wanted.removeAll(NOT_IN_KEEPALIVED_2_2_7.keySet());
        Set<String> covered = new TreeSet<>();
        for (String kind : new String[] {"valid", "differences"}) {
            for (Path file : KeepalivedCorpus.files(kind)) {
                TomlParseResult toml = Toml.parse(KeepalivedImport.translate(file).toml());
                collect(toml, covered);
            }
        }
        wanted.removeAll(covered);
        assertEquals(Set.of(), wanted, "schema keys with a keepalived keyword that no corpus file uses");
    }

    private static void collect(TomlParseResult toml, Set<String> covered) {
        for (String section : toml.keySet()) {
            TomlTable value = toml.getTable(section);
            if (section.equals("global_defs")) {
                value.keySet().forEach(k -> covered.add("global_defs." + k));
                continue;
            }
            for (String name : value.keySet()) {
                TomlTable table = value.getTable(name);
                for (String key : table.keySet()) {
                    covered.add(section + "." + key);
                    Object item = table.get(key);
                    if (item instanceof TomlTable nested) {
                        nested.keySet().forEach(k -> covered.add(section + "." + key + "." + k));
                    } else if (item instanceof TomlArray array) {
                        for (Object element : array.toList()) {
                            if (element instanceof TomlTable entry) {
                                entry.keySet().forEach(k -> covered.add(section + "." + key + "." + k));
                            } else if (key.startsWith("track_")) {
                                covered.add(section + "." + key + ".name");
                            }
                        }
                    }
                }
            }
        }
    }

    private static Set<String> names(String kind) {
        Set<String> names = new TreeSet<>();
        KeepalivedCorpus.files(kind).forEach(f -> names.add(f.getFileName().toString()));
        return names;
    }
}
