package io.hakeeper.plugin.mysql;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import org.pf4j.Extension;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * {@code type = "mysql"}: MariaDB (or MySQL) is healthy when {@code query} (default {@code SELECT 1})
 * runs within the check's timeout. Where: {@code socket} (a unix socket path) or {@code host} and
 * {@code port} (default 3306), not both; who: {@code user} and {@code password} (secret); optionally
 * {@code database}. A new connection per run, through the MariaDB driver carried in this plugin's jar:
 * a check that reuses a connection would miss a server that accepts no new ones.
 */
@Extension
public final class MysqlCheckFactory implements CheckFactory {

    static final String SOCKET = "socket";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String DATABASE = "database";
    static final String QUERY = "query";
    static final String DEFAULT_QUERY = "SELECT 1";
    static final int DEFAULT_PORT = 3306;

    @Override
    public String type() {
        return "mysql";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(SOCKET, HOST, PORT, USER, PASSWORD, DATABASE, QUERY);
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of(PASSWORD);
    }

    @Override
    public Check create(Settings settings, Duration timeout, PluginContext context) {
        boolean socket = settings.has(SOCKET);
        if (socket && (settings.has(HOST) || settings.has(PORT))) {
            throw settings.invalid(SOCKET, "expected either socket or host/port, not both");
        }
        if (!socket && !settings.has(HOST)) {
            throw settings.invalid(HOST, "expected host (with port, default 3306) or socket");
        }
        String host = socket ? "localhost" : settings.string(HOST);
        if (host.isBlank() || host.contains("/") || host.contains("?")) {
            throw settings.invalid(HOST, "expected a host name or address");
        }
        long port = settings.integer(PORT, DEFAULT_PORT, 1, 65535);
        String database = settings.string(DATABASE, "");
        if (!database.matches("[A-Za-z0-9_$]*")) {
            throw settings.invalid(DATABASE, "expected a database name of letters, digits, _ and $");
        }
        String query = settings.string(QUERY, DEFAULT_QUERY);
        if (query.isBlank()) {
            throw settings.invalid(QUERY, "expected a query, such as SELECT 1");
        }
        Properties properties = new Properties();
        properties.setProperty("user", settings.string(USER));
        settings.optionalString(PASSWORD).ifPresent(password -> properties.setProperty("password", password));
        String millis = Long.toString(Math.max(1, timeout.toMillis()));
        properties.setProperty("connectTimeout", millis);
        properties.setProperty("socketTimeout", millis);
        if (socket) {
            properties.setProperty("localSocket", settings.string(SOCKET));
        }
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String url = "jdbc:mariadb://" + hostPart + (socket ? "" : ":" + port) + "/" + database;
        String where = socket ? settings.string(SOCKET) : hostPart + ":" + port;
        return new MysqlCheck(url, where, properties, query, timeout);
    }
}
