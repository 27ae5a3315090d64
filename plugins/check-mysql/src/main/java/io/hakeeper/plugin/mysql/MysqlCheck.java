package io.hakeeper.plugin.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;

/**
 * Connects, runs the query and reads its first row, all bounded by the timeout (the driver's connect
 * and socket timeouts, and the statement's query timeout). A database error is a down result, not an
 * exception: a stopped server is what this check exists to see. Its reason is the driver's message
 * ("Access denied", "Socket fail to connect"), what {@code ha-admin checks} shows.
 * The driver is made directly, not looked up through {@link java.sql.DriverManager}, which searches the
 * host's class path rather than this plugin's jar.
 */
final class MysqlCheck implements Check {

    private final String url;
    private final String where;
    private final Properties properties;
    private final String query;
    private final int queryTimeoutSeconds;

    MysqlCheck(String url, String where, Properties properties, String query, Duration timeout) {
        this.url = url;
        this.where = where;
        this.properties = properties;
        this.query = query;
        this.queryTimeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** The JDBC URL, without credentials (those travel as properties). */
    String url() {
        return url;
    }

    @Override
    public CheckResult run() {
        try {
            return query();
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            int newline = message.indexOf('\n');
            return CheckResult.down(where + ": " + (newline < 0 ? message : message.substring(0, newline)));
        }
    }

    private CheckResult query() throws SQLException {
        try (Connection connection = new org.mariadb.jdbc.Driver().connect(url, properties)) {
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(queryTimeoutSeconds);
                boolean rows = statement.execute(query);
                if (rows) {
                    try (ResultSet result = statement.getResultSet()) {
                        return result.next() ? CheckResult.up(where + ": " + result.getString(1))
                                : CheckResult.up(where + ": no rows");
                    }
                }
                return CheckResult.up(where + ": " + statement.getUpdateCount() + " rows affected");
            }
        }
    }
}
