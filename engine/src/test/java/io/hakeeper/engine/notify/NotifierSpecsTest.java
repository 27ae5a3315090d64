package io.hakeeper.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.Notifier;
import io.hakeeper.api.NotifierFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;
import io.hakeeper.api.Transition;
import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.ConfigParser;
import io.hakeeper.engine.config.ValidationReport;
import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.plugin.TypeRegistry;

/** From keepalived's notify keywords in a validated file to notifiers, their settings and their subjects. */
class NotifierSpecsTest {

    private static final String CONFIG = """
            [global_defs]
            router_id = "lb1"
            vrrp_notify_fifo = "/run/hakeeper/notify.fifo"
            notification_email = ["ops@example.org"]
            notification_email_from = "lb1@example.org"
            smtp_server = "mail.example.org 2525"
            smtp_connect_timeout = 7

            [vrrp_instance.VI_1]
            interface = "eth1"
            virtual_router_id = 51
            virtual_ipaddress = ["192.168.200.17/24"]
            notify_master = "/etc/hakeeper/to-master.sh 'two words' plain"
            notify = "/etc/hakeeper/any.sh"
            smtp_alert = true

            [vrrp_instance.VI_2]
            interface = "eth1"
            virtual_router_id = 52
            virtual_ipaddress = ["192.168.200.18/24"]

            [vrrp_sync_group.G1]
            group = ["VI_1", "VI_2"]
            notify_stop = "/etc/hakeeper/stop.sh"
            """;

    private static HakeeperConfig config(String toml) {
        ValidationReport report = ConfigParser.parse(toml, "test.toml", Path.of("/etc/hakeeper"))
                .validate(TypeRegistry.builder().build(), name -> true);
        assertTrue(report.ok(), report.problems().toString());
        return report.config().orElseThrow();
    }

    private static List<NotifierSpec> specs() {
        return NotifierSpecs.from(config(CONFIG), "test.toml", Duration.ofSeconds(30), "hakeeper@host");
    }

    @Test
    void notifyCommandsBecomeOneScriptNotifierPerSubjectWithArgvWords() {
        List<NotifierSpec> scripts = specs().stream().filter(s -> s.type().equals("script")).toList();
        assertEquals(2, scripts.size());
        NotifierSpec vi1 = scripts.get(0);
        assertEquals(Set.of(NotifySubject.instance("VI_1")), vi1.subjects());
        assertEquals(List.of("/etc/hakeeper/to-master.sh", "two words", "plain"), vi1.settings().strings("notify_master"));
        assertEquals(List.of("/etc/hakeeper/any.sh"), vi1.settings().strings("notify"));
        assertEquals(Duration.ofSeconds(30), vi1.settings().seconds("timeout", Duration.ZERO, Duration.ZERO, Duration.ofHours(1)));
        assertEquals(Set.of(NotifySubject.group("G1")), scripts.get(1).subjects());
        assertEquals(List.of("/etc/hakeeper/stop.sh"), scripts.get(1).settings().strings("notify_stop"));
    }

    @Test
    void theFifoHearsEveryInstanceAndGroup() {
        NotifierSpec fifo = specs().stream().filter(s -> s.type().equals("fifo")).findFirst().orElseThrow();
        assertEquals("/run/hakeeper/notify.fifo", fifo.settings().string("path"));
        assertEquals(Set.of(NotifySubject.instance("VI_1"), NotifySubject.instance("VI_2"), NotifySubject.group("G1")),
                fifo.subjects());
    }

    @Test
    void smtpAlertGivesTheSubjectAMailerWithTheGlobalSmtpSettings() {
        List<NotifierSpec> smtp = specs().stream().filter(s -> s.type().equals("smtp")).toList();
        assertEquals(1, smtp.size());
        Settings settings = smtp.get(0).settings();
        assertEquals(Set.of(NotifySubject.instance("VI_1")), smtp.get(0).subjects());
        assertEquals("mail.example.org", settings.string("smtp_server"));
        assertEquals(2525, settings.integer("smtp_port", 1, 65535));
        assertEquals(Duration.ofSeconds(7), settings.seconds("smtp_connect_timeout", Duration.ZERO, Duration.ZERO,
                Duration.ofHours(1)));
        assertEquals(List.of("ops@example.org"), settings.strings("notification_email"));
        assertEquals("lb1@example.org", settings.string("notification_email_from"));
    }

    @Test
    void smtpAlertWithoutAServerSendsNothingAsKeepalived() {
        String noServer = CONFIG.replace("smtp_server = \"mail.example.org 2525\"\n", "");
        List<NotifierSpec> specs = NotifierSpecs.from(config(noServer), "test.toml", Duration.ofSeconds(30), "x@y");
        assertTrue(specs.stream().noneMatch(s -> s.type().equals("smtp")), specs.toString());
    }

    @Test
    void theDispatcherCreatesNotifiersThroughTheRegistryAndDeliversToTheirSubjects() {
        List<String> created = new ArrayList<>();
        List<String> delivered = new CopyOnWriteArrayList<>();
        NotifierFactory script = new NotifierFactory() {
            @Override
            public String type() {
                return "script";
            }

            @Override
            public Notifier create(Settings settings, PluginContext context) {
                created.add(context.name() + "@" + context.routerId() + " " + settings.strings("notify"));
                return transition -> delivered.add(context.name() + " <- " + transition.name() + " " + transition.to());
            }
        };
        TypeRegistry.Builder registry = TypeRegistry.builder();
        registry.register(NotifierFactory.class, "notify", script, getClass().getClassLoader());

        try (NotificationDispatcher dispatcher = NotificationDispatcher.start(config(CONFIG), "test.toml",
                Path.of("/etc/hakeeper"), registry.build(), DeliveryLimits.DEFAULT)) {
            dispatcher.submit(new Transition(Transition.Subject.INSTANCE, "VI_1", VrrpState.BACKUP, VrrpState.MASTER,
                    100, "test", Instant.now()));
            dispatcher.submit(new Transition(Transition.Subject.GROUP, "G1", VrrpState.BACKUP, VrrpState.MASTER,
                    0, "test", Instant.now()));
            dispatcher.submit(new Transition(Transition.Subject.INSTANCE, "VI_2", VrrpState.BACKUP, VrrpState.MASTER,
                    100, "test", Instant.now()));
        }

        assertEquals(List.of("VI_1@lb1 [/etc/hakeeper/any.sh]", "G1@lb1 []"), created);
        assertEquals(Set.of("VI_1 <- VI_1 MASTER", "G1 <- G1 MASTER"), Set.copyOf(delivered));
        assertEquals(2, delivered.size(), "fifo and smtp are not provided by any plugin here, so only scripts run");
    }
}
