package io.hakeeper.engine.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.control.Json;

class TablesTest {

    @Test
    void statusIsOneAlignedRowPerInstanceWithWhyAnInstanceIsInFault() {
        String answer = "{\"version\": \"0.1.0\", \"uptime_s\": 78.6, \"config_file\": \"/etc/hakeeper/hakeeper.toml\","
                + " \"instances\": [{\"name\": \"VI_51\", \"state\": \"MASTER\", \"vrid\": 51, \"interface\": \"eth0\","
                + " \"priority\": 150, \"effective_priority\": 150, \"master_ip\": \"10.0.0.11\","
                + " \"vips\": [\"10.0.0.50/24\", \"10.0.0.51/24\"], \"maintenance\": false},"
                + " {\"name\": \"VI_6\", \"state\": \"BACKUP\", \"vrid\": 6, \"interface\": \"bond0.100\","
                + " \"priority\": 100, \"effective_priority\": 80, \"master_ip\": null, \"vips\": [],"
                + " \"maintenance\": true},"
                + " {\"name\": \"VI_7\", \"state\": \"FAULT\", \"vrid\": 7, \"interface\": \"eth1\","
                + " \"priority\": 100, \"effective_priority\": 100, \"master_ip\": null, \"vips\": [],"
                + " \"maintenance\": false, \"fault_cause\": \"no address to send from\"}]}";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tables.print("status", Json.parseObject(answer), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertEquals("""
                hakeeperd 0.1.0, up 78.6 s, /etc/hakeeper/hakeeper.toml
                NAME   STATE                            VRID  INTERFACE  PRIORITY  EFFECTIVE  MASTER     VIPS
                VI_51  MASTER                           51    eth0       150       150        10.0.0.11  10.0.0.50/24,10.0.0.51/24
                VI_6   BACKUP (maintenance)             6     bond0.100  100       80         -
                VI_7   FAULT (no address to send from)  7     eth1       100       100        -
                """, bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void statsShowsEverySectionItIsGivenWithEachCounterOnALine() {
        String answer = "{\"instances\": [{\"name\": \"VI_51\", \"counters\": {\"advert_rcvd\": 4, \"vrid_err\": 0}}],"
                + " \"sockets\": [{\"interface\": \"eth0\", \"family\": \"inet\", \"protocol\": \"vrrp\","
                + " \"counters\": {\"vrid_err\": 7, \"receive_errors\": 0}}],"
                + " \"loop\": {\"timers_late\": 2, \"timer_late_worst_ms\": 212.5},"
                + " \"vip_backend\": {\"plugin\": \"vip-iproute2\", \"failures\": 1}, \"announcer\": null,"
                + " \"a_section_added_later\": {\"things\": 3}, \"notifiers\": []}";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tables.print("stats", Json.parseObject(answer), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertEquals("""
                instances VI_51:
                  advert_rcvd                 4
                  vrid_err                    0
                sockets eth0 inet vrrp:
                  vrid_err                    7
                  receive_errors              0
                loop:
                  timers_late                 2
                  timer_late_worst_ms         212.5
                vip_backend vip-iproute2:
                  failures                    1
                announcer: -
                a_section_added_later:
                  things                      3
                """, bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
