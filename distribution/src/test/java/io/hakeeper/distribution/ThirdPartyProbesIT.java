package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grafana and mysql probes, built by poms of their own as a third party's would be, load from the
 * tree's plugins/ and their types are accepted, and their mistakes reported, by {@code hakeeperd --check}.
 */
class ThirdPartyProbesIT {

    private final Path hakeeperd = Tree.built().resolve("bin/hakeeperd");

    private static String config(String grafanaUrl, String mysqlExtra) {
        return """
                [vrrp_script.chk_grafana]
                type = "grafana"
                url = "%s"
                interval = 2
                timeout = 1
                fall = 2

                [vrrp_script.chk_mysql]
                type = "mysql"
                socket = "/run/mysqld/mysqld.sock"
                user = "monitor"
                password = "hunter2"
                query = "SELECT 1"
                %s

                [vrrp_instance.VI_1]
                interface = "lo"
                virtual_router_id = 51
                priority = 100
                advert_int = 1
                virtual_ipaddress = ["192.0.2.50/24"]
                track_script = ["chk_grafana", "chk_mysql"]
                """.formatted(grafanaUrl, mysqlExtra);
    }

    @Test
    void checkAcceptsAConfigUsingTheGrafanaAndMysqlTypes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hakeeper.toml");
        Files.writeString(file, config("http://127.0.0.1:3000", ""));
        Command.Result result = Command.of(hakeeperd, "--check", "-f", file).run();
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("configuration OK"), result::toString);
        assertTrue(!result.all().contains("hunter2"), () -> "the password was shown\n" + result);
    }

    @Test
    void checkReportsEachProbesMistakeWithItsKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hakeeper.toml");
        Files.writeString(file, config("ftp://grafana", "host = \"db1\""));
        Command.Result result = Command.of(hakeeperd, "--check", "-f", file).run();
        assertTrue(result.exitCode() != 0, result::toString);
        assertTrue(result.all().contains("vrrp_script.chk_grafana.url"), result::toString);
        assertTrue(result.all().contains("vrrp_script.chk_mysql.socket"), result::toString);
    }

    @Test
    void theMysqlPluginJarCarriesItsDriver() throws Exception {
        Path jar = Tree.pluginJar(Tree.built(), "check-mysql");
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            assertTrue(file.getEntry("org/mariadb/jdbc/Driver.class") != null, jar + " has no MariaDB driver");
            assertTrue(file.getEntry("com/sun/jna/Native.class") != null, jar + " has no JNA (unix sockets)");
        }
    }
}
