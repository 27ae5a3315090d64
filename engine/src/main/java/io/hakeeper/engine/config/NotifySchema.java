package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.KeySpec.flag;
import static io.hakeeper.engine.config.KeySpec.of;

import java.util.List;

/** The notify keys instances and sync groups share. */
final class NotifySchema {

    static final KeySpec MASTER = of("notify_master", ValueType.COMMAND).means("command run on becoming MASTER");
    static final KeySpec BACKUP = of("notify_backup", ValueType.COMMAND).means("command run on becoming BACKUP");
    static final KeySpec FAULT = of("notify_fault", ValueType.COMMAND).means("command run on entering FAULT");
    static final KeySpec STOP = of("notify_stop", ValueType.COMMAND).means("command run on stopping");
    static final KeySpec ANY = of("notify", ValueType.COMMAND)
            .means("command run on every change, with TYPE NAME STATE PRIORITY appended");
    static final KeySpec SMTP_ALERT = flag("smtp_alert").means("send an email on every change of state");

    static final List<KeySpec> KEYS = List.of(MASTER, BACKUP, FAULT, STOP, ANY, SMTP_ALERT);

    private NotifySchema() {
    }
}
