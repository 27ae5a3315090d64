package io.hakeeper.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.hakeeper.engine.config.Problem;
import io.hakeeper.engine.config.keepalived.KeepalivedImport;

/**
 * {@code ha-admin import-keepalived FILE}: prints the hakeeper.toml equivalent of a keepalived.conf on
 * standard output, and every import warning and error, with keepalived file and line, on standard error.
 * Exit 0 when the file was imported (warnings allowed), 1 when it has errors, 2 for a wrong command line.
 * The TOML is not validated against plugins and host here: {@code hakeeperd --check -f} does that.
 */
public final class ImportKeepalivedMain {

    static final String USAGE = "Usage: ha-admin import-keepalived FILE\n";

    private ImportKeepalivedMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** The command with its arguments after {@code import-keepalived}. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            err.print(USAGE);
            return 2;
        }
        Path file = Path.of(args.get(0));
        if (!Files.isRegularFile(file)) {
            err.println("import-keepalived: " + file + ": no such file");
            return 1;
        }
        List<Problem> problems = new ArrayList<>();
        String toml;
        try {
            toml = KeepalivedImport.toToml(file, problems);
        } catch (IOException e) {
            err.println("import-keepalived: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        problems.forEach(err::println);
        long errors = problems.stream().filter(Problem::isError).count();
        if (errors > 0) {
            err.println("import-keepalived: " + file + ": " + errors + (errors == 1 ? " error" : " errors"));
            return 1;
        }
        out.print(toml);
        return 0;
    }
}
