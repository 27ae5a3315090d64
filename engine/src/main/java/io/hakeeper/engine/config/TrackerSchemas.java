package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.KeySpec.flag;
import static io.hakeeper.engine.config.KeySpec.integer;
import static io.hakeeper.engine.config.KeySpec.of;
import static io.hakeeper.engine.config.KeySpec.seconds;

import java.util.List;

/** The keys of the tables that define tracked objects: vrrp_script, vrrp_track_file, vrrp_track_process. */
final class TrackerSchemas {

    static final KeySpec SCRIPT = of("script", ValueType.COMMAND)
            .means("command run every interval; exit 0 is up (implies type \"script\")");
    static final KeySpec TYPE = of("type", ValueType.STRING).ownKey()
            .means("check type provided by a plugin; its other keys belong to that plugin");
    static final KeySpec INTERVAL = seconds("interval", 0.001, 4294).byDefault(1.0)
            .means("seconds between two runs of the check");
    static final KeySpec TIMEOUT = seconds("timeout", 0.001, 4294)
            .means("seconds a run may take before it counts as failed; default: the interval");
    static final KeySpec SCRIPT_WEIGHT = integer("weight", -253, 253).byDefault(0L)
            .means("priority change while up (> 0) or down (< 0); 0: down means FAULT");
    static final KeySpec RISE = integer("rise", 1, GlobalDefsSchema.MAX_COUNT).byDefault(1L)
            .means("successes in a row before a down check counts as up");
    static final KeySpec FALL = integer("fall", 1, GlobalDefsSchema.MAX_COUNT).byDefault(1L)
            .means("failures in a row before an up check counts as down");
    static final KeySpec USER = of("user", ValueType.STRING)
            .means("\"USER [GROUP]\" the script runs as; default: global_defs.script_user");
    static final KeySpec INIT_FAIL = flag("init_fail").means("start in the down state until the first success");

    static final SectionSpec SCRIPT_SECTION = new SectionSpec("vrrp_script", true,
            List.of(SCRIPT, TYPE, INTERVAL, TIMEOUT, SCRIPT_WEIGHT, RISE, FALL, USER, INIT_FAIL));

    static final KeySpec FILE = of("file", ValueType.STRING).mandatory()
            .means("file holding a number, multiplied by the weight");
    static final KeySpec FILE_WEIGHT = integer("weight", -254, 254).byDefault(1L)
            .means("multiplier of the file's value; 0: non-zero value means FAULT");
    static final KeySpec INIT_FILE = integer("init_file", Integer.MIN_VALUE, Integer.MAX_VALUE)
            .means("create the file with this value at start when it does not exist");

    static final SectionSpec FILE_SECTION = new SectionSpec("vrrp_track_file", true,
            List.of(FILE, FILE_WEIGHT, INIT_FILE));

    static final KeySpec PROCESS = of("process", ValueType.COMMAND).mandatory()
            .means("process name, optionally followed by the parameters to match");
    static final KeySpec PARAM_MATCH = of("param_match", ValueType.STRING).byDefault("exact")
            .means("how the parameters are matched: exact, initial or partial");
    static final KeySpec PROCESS_WEIGHT = integer("weight", -254, 254).byDefault(0L)
            .means("priority change while running (> 0) or not (< 0); 0: not running means FAULT");
    static final KeySpec QUORUM = integer("quorum", 1, 65535).byDefault(1L)
            .means("fewest matching processes that count as running");
    static final KeySpec QUORUM_MAX = integer("quorum_max", 1, 65535)
            .means("most matching processes that count as running; default: no limit");
    static final KeySpec DELAY = seconds("delay", 0, 3600).byDefault(0.0)
            .means("seconds a change in the process count must last before it counts");

    static final SectionSpec PROCESS_SECTION = new SectionSpec("vrrp_track_process", true,
            List.of(PROCESS, PARAM_MATCH, PROCESS_WEIGHT, QUORUM, QUORUM_MAX, DELAY));

    private TrackerSchemas() {
    }
}
