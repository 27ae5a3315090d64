package io.hakeeper.engine.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.hakeeper.engine.config.keepalived.KeepalivedImport;

/**
 * The keepalived.conf corpus in src/test/resources/keepalived: {@code valid/} (keepalived -t and hakeeper
 * both accept), {@code broken/} (both refuse), {@code differences/} (they disagree, as
 * docs/configuration.md documents).
 */
final class KeepalivedCorpus {

    static final Path ROOT = Path.of("src/test/resources/keepalived").toAbsolutePath();

    private KeepalivedCorpus() {
    }

    static List<Path> files(String kind) {
        try (Stream<Path> files = Files.list(ROOT.resolve(kind))) {
            return files.filter(f -> f.toString().endsWith(".conf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports and validates a keepalived.conf as hakeeperd does, with the test plugins and every interface. */
    static ValidationReport check(Path file) throws IOException {
        KeepalivedImport.Result imported = KeepalivedImport.translate(file);
        if (imported.hasErrors()) {
            return new ValidationReport(imported.problems(), java.util.Optional.empty());
        }
        ValidationReport report = ConfigParser.parse(imported.toml(), imported.tomlName(), file.getParent())
                .validate(FakePlugins.withAuthTypes(new FakePlugins.PassAuth(), new FakePlugins.AhAuth()),
                        name -> true);
        return imported.relocate(report);
    }
}
