package io.hakeeper.plugin.grafana;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.pf4j.Extension;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * {@code type = "grafana"}: Grafana is healthy when {@code <url>/api/health} answers 200 within the check's
 * timeout and reports its database as {@code "ok"}. Keys: {@code url} (the Grafana base URL, required)
 * and {@code ca_file} (PEM CA certificates to trust for an https URL instead of the JDK's).
 */
@Extension
public final class GrafanaCheckFactory implements CheckFactory {

    static final String URL = "url";
    static final String CA_FILE = "ca_file";

    @Override
    public String type() {
        return "grafana";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(URL, CA_FILE);
    }

    @Override
    public Check create(Settings settings, Duration timeout, PluginContext context) {
        URI health = healthUrl(settings);
        Optional<SSLContext> tls = settings.optionalString(CA_FILE)
                .map(file -> trusting(settings, context.configDirectory() == null ? Path.of(file)
                        : context.configDirectory().resolve(file)));
        if (tls.isPresent() && !"https".equals(health.getScheme())) {
            throw settings.invalid(CA_FILE, "expected an https:// url when ca_file is set");
        }
        return new GrafanaCheck(health, timeout, tls);
    }

    private static URI healthUrl(Settings settings) {
        String written = settings.string(URL);
        try {
            URI base = new URI(written);
            if (("http".equals(base.getScheme()) || "https".equals(base.getScheme())) && base.getHost() != null
                    && base.getQuery() == null && base.getFragment() == null) {
                String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
                return new URI(base.getScheme(), base.getUserInfo(), base.getHost(), base.getPort(),
                        path + "/api/health", null, null);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw settings.invalid(URL, "expected Grafana's base URL, http:// or https:// without a query, got \""
                + written + "\"");
    }

    private static SSLContext trusting(Settings settings, Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new GeneralSecurityException("no certificate in " + caFile);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw settings.invalid(CA_FILE, "expected a readable file of PEM CA certificates: " + e.getMessage());
        }
    }
}
