package io.hakeeper.plugin.checks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;

/**
 * One request per run with the JDK's HttpClient, made on first use (it starts a selector thread, which a
 * factory must not) and kept, so that connections are reused between runs. Redirects are not followed: a
 * redirect is an answer, and {@code status} says whether it is a healthy one.
 */
final class HttpCheck implements Check {

    private final HttpProbe probe;
    private final Optional<SSLContext> tls;
    private HttpClient client;

    HttpCheck(HttpProbe probe, Optional<SSLContext> tls) {
        this.probe = probe;
        this.tls = tls;
    }

    @Override
    public CheckResult run() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(probe.url())
                .method(probe.method().name(), HttpRequest.BodyPublishers.noBody())
                .timeout(probe.timeout())
                .header("User-Agent", "hakeeper-check")
                .build();
        HttpResponse<String> response;
        try {
            response = client().send(request, probe.body().isPresent()
                    ? HttpResponse.BodyHandlers.ofString() : responseInfo -> HttpResponse.BodySubscribers.replacing(""));
        } catch (IOException e) {
            return CheckResult.down(probe.method() + " " + probe.url() + ": " + e);
        }
        int status = response.statusCode();
        if (!probe.status().accepts(status)) {
            return CheckResult.down("status " + status + " from " + probe.url());
        }
        if (probe.body().isPresent() && !probe.body().get().matcher(response.body()).find()) {
            return CheckResult.down("status " + status + " but no match for /" + probe.body().get() + "/ in the body");
        }
        return CheckResult.up("status " + status);
    }

    private HttpClient client() {
        if (client == null) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .connectTimeout(probe.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER);
            tls.ifPresent(builder::sslContext);
            client = builder.build();
        }
        return client;
    }
}
