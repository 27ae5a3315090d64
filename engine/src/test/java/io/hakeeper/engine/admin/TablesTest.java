package io.hakeeper.engine.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.control.Json;

class TablesTest {

    @Test
    void statusIsOneAlignedRowPerInstance() {
        String answer = "{\"version\": \"0.1.0\", \"uptime_s\": 78.6, \"config_file\": \"/etc/hakeeper/hakeeper.toml\","
                + " \"instances\": [{\"name\": \"VI_51\", \"state\": \"MASTER\", \"vrid\": 51, \"interface\": \"eth0\","
                + " \"priority\": 150, \"effective_priority\": 150, \"master_ip\": \"10.0.0.11\","
                + " \"vips\": [\"10.0.0.50/24\", \"10.0.0.51/24\"], \"maintenance\": false},"
                + " {\"name\": \"VI_6\", \"state\": \"BACKUP\", \"vrid\": 6, \"interface\": \"bond0.100\","
                + " \"priority\": 100, \"effective_priority\": 80, \"master_ip\": null, \"vips\": [],"
                + " \"maintenance\": true}]}";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tables.print("status", Json.parseObject(answer), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertEquals("""
                hakeeperd 0.1.0, up 78.6 s, /etc/hakeeper/hakeeper.toml
                NAME   STATE                 VRID  INTERFACE  PRIORITY  EFFECTIVE  MASTER     VIPS
                VI_51  MASTER                51    eth0       150       150        10.0.0.11  10.0.0.50/24,10.0.0.51/24
                VI_6   BACKUP (maintenance)  6     bond0.100  100       80         -
                """, bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void statsListsEachInstancesCountersThenThePluginTimeouts() {
        String answer = "{\"instances\": [{\"name\": \"VI_51\", \"counters\": {\"advert_rcvd\": 4,"
                + " \"send_failures\": 0}}], \"notifiers\": [],"
                + " \"plugin_timeouts\": {\"vip_backend\": 2, \"announcer\": 0}}";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tables.print("stats", Json.parseObject(answer), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertEquals("""
                VI_51:
                  advert_rcvd                  4
                  send_failures                0
                plugin calls timed out:
                  vip_backend                  2
                  announcer                    0
                """, bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
