package io.hakeeper.plugin.checks;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.PathSecurity;

/** The warning for a script that runs as root although others can change it ({@link PathSecurity}). */
final class ScriptSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptSecurity.class);

    private ScriptSecurity() {
    }

    static void warn(String check, Path program, String unsafe) {
        LOG.warn("vrrp_script {}: {} runs as root but {}; set global_defs.enable_script_security to refuse it",
                check, program, unsafe);
    }
}
