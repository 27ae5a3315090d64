package io.hakeeper.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;

import io.hakeeper.engine.HakeeperdOptions.UsageException;
import io.hakeeper.engine.config.Problem;
import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.plugin.PluginProblem;

/**
 * hakeeperd's entry point. Exit codes: 0 success, 1 invalid configuration (or the daemon could not
 * start), 2 a command line it cannot understand.
 */
public final class HakeeperdMain {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private HakeeperdMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        HakeeperdOptions options;
        try {
            options = HakeeperdOptions.parse(args);
        } catch (UsageException e) {
            err.println("hakeeperd: " + e.getMessage());
            return USAGE;
        }
        if (options.checkOnly() && System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            // --check speaks through its report; the same problems as log lines would only say it twice
            System.setProperty(LOG_LEVEL_PROPERTY, "off");
        }
        switch (options.action()) {
            case HELP -> {
                out.print(HakeeperdOptions.USAGE);
                return OK;
            }
            case VERSION -> {
                out.println("hakeeperd " + Version.current());
                return OK;
            }
            default -> {
                return check(options, out, err);
            }
        }
    }

    /** Validates the configuration against the loaded plugins and says everything that is wrong at once. */
    private static int check(HakeeperdOptions options, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(options.configFile())) {
            err.println("hakeeperd: " + options.configFile() + ": no such configuration file");
            return INVALID;
        }
        try (ConfigurationLoad load = ConfigurationLoad.of(options.configFile())) {
            for (PluginProblem problem : load.pluginProblems()) {
                err.println("warning: plugin problem: " + problem.message());
            }
            for (Problem problem : load.report().problems()) {
                err.println(problem);
            }
            if (!load.report().ok()) {
                int errors = load.report().errors().size();
                err.println("hakeeperd: " + options.configFile() + ": " + errors + (errors == 1 ? " error" : " errors"));
                return INVALID;
            }
            HakeeperConfig config = load.report().config().orElseThrow();
            if (options.checkOnly()) {
                out.println("configuration OK: " + options.configFile() + " (" + summary(config, load) + ")");
                return OK;
            }
            err.println("hakeeperd: the configuration is valid, but this build of hakeeper " + Version.current()
                    + " cannot run VRRP yet (the raw-socket transport is not built); use --check");
            return INVALID;
        } catch (IOException e) {
            err.println("hakeeperd: cannot read " + options.configFile() + ": " + e.getMessage());
            return INVALID;
        }
    }

    private static String summary(HakeeperConfig config, ConfigurationLoad load) {
        return count(config.instances().size(), "instance") + ", "
                + count(config.syncGroups().size(), "sync group") + ", "
                + count(config.scripts().size(), "vrrp_script") + "; "
                + count(load.plugins().plugins().size(), "plugin") + " from " + load.pluginDir();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
