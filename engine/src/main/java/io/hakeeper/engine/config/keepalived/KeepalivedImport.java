package io.hakeeper.engine.config.keepalived;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.tomlj.Toml;

import io.hakeeper.api.SourcePosition;
import io.hakeeper.engine.config.Problem;
import io.hakeeper.engine.config.ValidationReport;

/**
 * Imports a keepalived.conf: reads keepalived's grammar ({@link KeepalivedReader}) and writes the equivalent
 * hakeeper.toml ({@link KeepalivedTranslator}). Used by {@code ha-admin import-keepalived FILE}, which prints
 * the TOML, and by {@code hakeeperd -f FILE}, which runs a keepalived.conf directly:
 *
 * <pre>{@code
 * KeepalivedImport.Result imported = KeepalivedImport.translate(file);
 * ParsedConfig parsed = ConfigParser.parse(imported.toml(), imported.tomlName(), dir);
 * ValidationReport report = imported.relocate(parsed.validate(registry, HostInterfaces::exists));
 * }</pre>
 *
 * <p>Problems found while importing (unknown keywords, missing braces, bad values, and warnings for what
 * hakeeper does not support) name the keepalived file and line; {@link Result#relocate} moves the
 * positions of the TOML validator's problems back to the keepalived lines the keys came from.
 */
public final class KeepalivedImport {

    private static final Pattern KEEPALIVED_BLOCK = Pattern.compile(
            "(?m)^\\s*(global_defs|vrrp_instance|vrrp_script|vrrp_sync_group|vrrp_track_file|vrrp_track_process"
                    + "|virtual_server|virtual_server_group|include)\\b");

    private KeepalivedImport() {
    }

    /**
     * The outcome of an import.
     *
     * @param source   the keepalived file, as named in positions
     * @param toml     the hakeeper.toml text; usable only when {@link #hasErrors()} is false
     * @param problems errors and warnings of the import, in the order found, with keepalived positions
     */
    public record Result(String source, String toml, List<Problem> problems, TomlText lines) {

        public Result {
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }

        /** The name the TOML text is parsed under; positions in it are moved back by {@link #relocate}. */
        public String tomlName() {
            return source + " (imported)";
        }

        /** The keepalived position a position in the TOML text came from. */
        public SourcePosition originOf(SourcePosition position) {
            if (position.file().equals(tomlName())) {
                SourcePosition origin = lines.origin(position.line());
                return origin != null ? origin : SourcePosition.unknown(source);
            }
            return position;
        }

        /** The problem with its position moved back to the keepalived file. */
        public Problem relocate(Problem problem) {
            return new Problem(problem.severity(), originOf(problem.position()), problem.keyPath(), problem.message());
        }

        /** The import's own problems followed by the validator's, all at keepalived positions. */
        public ValidationReport relocate(ValidationReport report) {
            List<Problem> all = new ArrayList<>(problems);
            report.problems().stream().map(this::relocate).forEach(all::add);
            return new ValidationReport(all, report.config());
        }
    }

    /** Reads a keepalived.conf and everything it includes, and translates it. */
    public static Result translate(Path file) throws IOException {
        List<Problem> problems = new ArrayList<>();
        List<Statement> statements = KeepalivedReader.read(file, problems);
        TomlText text = new KeepalivedTranslator(problems).translate(statements, file.toString());
        return new Result(file.toString(), text.text(), problems, text);
    }

    /** Translates keepalived text as if read from {@code file} (includes are taken from its directory). */
    public static Result translate(String keepalivedText, Path file) throws IOException {
        List<Problem> problems = new ArrayList<>();
        List<Statement> statements = KeepalivedReader.read(keepalivedText, file, problems);
        TomlText text = new KeepalivedTranslator(problems).translate(statements, file.toString());
        return new Result(file.toString(), text.text(), problems, text);
    }

    /**
     * The hakeeper.toml equivalent of a keepalived.conf, for {@code ha-admin import-keepalived}.
     *
     * @param problemsOut receives every error and warning, with keepalived file and line
     * @return the TOML text; check {@code problemsOut} for errors before using it
     */
    public static String toToml(Path file, List<Problem> problemsOut) throws IOException {
        Result result = translate(file);
        problemsOut.addAll(result.problems());
        return result.toml();
    }

    /**
     * Whether a configuration file's text is keepalived's rather than TOML: it is not valid TOML and has a
     * line that starts a keepalived section (or an include).
     */
    public static boolean looksLikeKeepalived(String text) {
        return looksLikeKeepalived(text, Toml.parse(text).hasErrors());
    }

    /** {@link #looksLikeKeepalived(String)} of a text already parsed as TOML, which is most of the cost. */
    public static boolean looksLikeKeepalived(String text, boolean tomlHasErrors) {
        return tomlHasErrors && KEEPALIVED_BLOCK.matcher(text).find();
    }

    /** {@link #looksLikeKeepalived(String)} of a file. */
    public static boolean looksLikeKeepalived(Path file) throws IOException {
        return looksLikeKeepalived(Files.readString(file));
    }
}
