package io.hakeeper.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;

import io.hakeeper.engine.HakeeperdOptions.UsageException;
import io.hakeeper.engine.config.Problem;
import io.hakeeper.engine.daemon.Daemon;
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
        try (ConfigurationLoad load = ConfigurationLoad.of(options.configFile(), options.format())) {
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
            return serve(options, load, err);
        } catch (IOException e) {
            err.println("hakeeperd: cannot read " + options.configFile() + ": " + e.getMessage());
            return INVALID;
        }
    }

    /**
     * Runs the daemon until SIGTERM or SIGINT. SIGHUP re-reads the configuration: a broken one is refused
     * with its errors and the running one stays; a valid one replaces it (instances restart; keeping
     * unchanged instances running through a reload comes with the control plane's reload).
     */
    private static int serve(HakeeperdOptions options, ConfigurationLoad first, PrintStream err) {
        Signals signals = Signals.install();
        ConfigurationLoad load = first;
        Daemon daemon = null;
        try {
            daemon = Daemon.start(load.report().config().orElseThrow(), load.plugins().registry(),
                    options.configFile());
            while (signals.next() == Signals.Request.RELOAD) {
                ConfigurationLoad next = ConfigurationLoad.of(options.configFile(), options.format());
                if (!next.report().ok()) {
                    next.report().problems().forEach(problem -> err.println("reload refused: " + problem));
                    next.close();
                    continue;
                }
                err.println("hakeeperd: reload: " + options.configFile() + " is valid; restarting the instances");
                daemon.close();
                daemon = null;
                if (load != first) {
                    load.close();
                }
                load = next;
                daemon = Daemon.start(load.report().config().orElseThrow(), load.plugins().registry(),
                        options.configFile());
            }
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OK;
        } catch (Exception e) {
            err.println("hakeeperd: cannot run: " + e);
            return INVALID;
        } finally {
            stopQuietly(daemon, err);
            if (load != first) {
                load.close();
            }
        }
    }

    private static void stopQuietly(Daemon daemon, PrintStream err) {
        if (daemon == null) {
            return;
        }
        try {
            daemon.close();
        } catch (Exception e) {
            err.println("hakeeperd: while stopping: " + e);
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
