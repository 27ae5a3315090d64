package io.hakeeper.engine.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A VRRP implementation the trial can run on a lab node: its configuration for one node and the command
 * that runs it in the foreground. Both get the same instance: VRID 51, the lab's {@code eth0}, one IPv4
 * virtual address, every node starting as backup.
 */
enum Router {

    HAKEEPER("hakeeper") {
        @Override
        String config(TrialSetup setup, String routerId, int priority) {
            String backend = setup.vipBackend().isEmpty() ? "" : "vip_backend = \"" + setup.vipBackend() + "\"\n";
            return String.format(Locale.ROOT, """
                    # written by hakeeper-demo for one lab node
                    [global_defs]
                    router_id = "%s"
                    %s
                    [vrrp_instance.VI_1]
                    state = "BACKUP"
                    interface = "eth0"
                    version = %d
                    virtual_router_id = %d
                    priority = %d
                    advert_int = %s
                    virtual_ipaddress = ["%s"]
                    """, routerId, backend, setup.version(), FailoverTrial.VRID, priority, setup.advertInt(),
                    FailoverTrial.VIP_WITH_PREFIX);
        }

        @Override
        String configFileName() {
            return "hakeeper.toml";
        }

        @Override
        List<String> argv(Path home, Path config, Path runDir) {
            // every namespace sees the host's /run: each router needs a control socket of its own, and a
            // short path (a Unix socket path has at most 107 bytes; run directories can be longer)
            String socket = "/tmp/hk-demo-" + ProcessHandle.current().pid() + "-"
                    + Integer.toHexString(config.toAbsolutePath().toString().hashCode()) + ".sock";
            return List.of(home.resolve("bin/hakeeperd").toString(), "-f", config.toString(),
                    "--control-socket", socket);
        }

        @Override
        String becameMasterLine() {
            return " -> MASTER (";
        }
    },

    KEEPALIVED("keepalived") {
        @Override
        String config(TrialSetup setup, String routerId, int priority) {
            return String.format(Locale.ROOT, """
                    # written by hakeeper-demo for one lab node
                    global_defs {
                        router_id %s
                    }
                    vrrp_instance VI_1 {
                        state BACKUP
                        interface eth0
                        version %d
                        virtual_router_id %d
                        priority %d
                        advert_int %s
                        virtual_ipaddress {
                            %s
                        }
                    }
                    """, routerId, setup.version(), FailoverTrial.VRID, priority, setup.advertInt(),
                    FailoverTrial.VIP_WITH_PREFIX);
        }

        @Override
        String configFileName() {
            return "keepalived.conf";
        }

        /**
         * Foreground ({@code -n}), VRRP only ({@code -P}), logging to the console ({@code -l -D}) and not to
         * syslog ({@code -G}), with pid files of its own so that three run side by side on one host.
         */
        @Override
        List<String> argv(Path home, Path config, Path runDir) {
            return List.of("keepalived", "-n", "-P", "-l", "-D", "-G", "-f", config.toString(),
                    "-p", runDir.resolve("keepalived.pid").toString(),
                    "-r", runDir.resolve("keepalived-vrrp.pid").toString());
        }

        @Override
        String becameMasterLine() {
            return "Entering MASTER STATE";
        }
    };

    private final String displayName;

    Router(String displayName) {
        this.displayName = displayName;
    }

    /** The node's configuration file, as text. */
    abstract String config(TrialSetup setup, String routerId, int priority);

    abstract String configFileName();

    /** The command that runs this router in the foreground with {@code config}; {@code home} is hakeeper's tree. */
    abstract List<String> argv(Path home, Path config, Path runDir);

    /** Text found in the router's output on each line that says an instance became master, and no other. */
    abstract String becameMasterLine();

    String displayName() {
        return displayName;
    }
}
