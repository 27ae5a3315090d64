package io.hakeeper.plugin.grafana;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;

/**
 * One GET of Grafana's health endpoint. Grafana answers {@code {"database": "ok", "version": ...}} with
 * 200 when it can reach its database, and 503 with {@code "database": "failing"} when it cannot; both
 * the status and the field are checked, so that a proxy's 200 page does not count as healthy. The field
 * is found with a pattern rather than a JSON library: the plugin carries nothing but its own classes.
 */
final class GrafanaCheck implements Check {

    private static final Pattern DATABASE = Pattern.compile("\"database\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]*)\"");
    private static final int MAX_REASON = 120;

    private final URI health;
    private final Duration timeout;
    private final Optional<SSLContext> tls;
    private HttpClient client;

    GrafanaCheck(URI health, Duration timeout, Optional<SSLContext> tls) {
        this.health = health;
        this.timeout = timeout;
        this.tls = tls;
    }

    URI health() {
        return health;
    }

    @Override
    public CheckResult run() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(health).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        Matcher database = DATABASE.matcher(body);
        String state = database.find() ? database.group(1) : null;
        if (response.statusCode() != 200) {
            return CheckResult.down(health + " answered " + response.statusCode()
                    + (state == null ? "" : ", database " + state));
        }
        if (!"ok".equals(state)) {
            return CheckResult.down(state == null
                    ? health + " answered 200 without a database field: " + shorten(body)
                    : "database " + state);
        }
        Matcher version = VERSION.matcher(body);
        return CheckResult.up("database ok" + (version.find() ? ", Grafana " + version.group(1) : ""));
    }

    /** Made on first use (a client owns a thread), then kept for every later run. */
    private HttpClient client() {
        if (client == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER);
            tls.ifPresent(builder::sslContext);
            client = builder.build();
        }
        return client;
    }

    @Override
    public void close() {
        client = null;
    }

    private static String shorten(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON) + "...";
    }
}
