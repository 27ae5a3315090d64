package io.hakeeper.engine;

import java.io.PrintStream;
import java.util.List;

import io.hakeeper.engine.admin.CdsTraining;
import io.hakeeper.engine.admin.HaAdmin;

/** ha-admin's entry point: see {@link HaAdmin}. */
public final class HaAdminMain {

    private HaAdminMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && args.get(0).equals("import-keepalived")) {
            // works on a file, not on a daemon: no socket involved
            return ImportKeepalivedMain.run(args.subList(1, args.size()), out, err);
        }
        if (!args.isEmpty() && args.get(0).equals(CdsTraining.ARGUMENT)) {
            // the launcher's training run for lib/ha-admin.jsa (libexec/launch.sh), not a command for people
            return CdsTraining.run(err);
        }
        return HaAdmin.run(args, out, err);
    }
}
