package io.hakeeper.plugin.checks;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import javax.net.ssl.SSLContext;

import org.pf4j.Extension;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * {@code type = "http"}: a GET or HEAD of {@code url} answered within the check's timeout with an expected
 * status, and, when {@code body_regex} is set, a body in which the expression is found. {@code https} URLs
 * are verified against the JDK's trusted CAs, or only against the CA certificates in {@code ca_file} when
 * it is given (an internal CA, or a service's self-signed certificate).
 */
@Extension
public final class HttpCheckFactory implements CheckFactory {

    static final String TYPE = "http";
    static final String URL = "url";
    static final String METHOD = "method";
    static final String STATUS = "status";
    static final String BODY_REGEX = "body_regex";
    static final String CA_FILE = "ca_file";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(URL, METHOD, STATUS, BODY_REGEX, CA_FILE);
    }

    @Override
    public Check create(Settings settings, Duration timeout, PluginContext context) {
        URI url = url(settings);
        HttpMethod method = HttpMethod.parse(settings.string(METHOD, "GET"))
                .orElseThrow(() -> settings.invalid(METHOD, "expected GET or HEAD"));
        List<String> written = settings.strings(STATUS);
        StatusCodes status = written.isEmpty() ? StatusCodes.SUCCESS : StatusCodes.parse(written)
                .orElseThrow(() -> settings.invalid(STATUS, "expected status codes (\"200\") or ranges (\"200-299\"),"
                        + " from 100 to 599, got " + written));
        Optional<Pattern> body = settings.optionalString(BODY_REGEX).map(regex -> compile(settings, regex));
        if (body.isPresent() && method == HttpMethod.HEAD) {
            throw settings.invalid(BODY_REGEX, "expected no body_regex with method HEAD, which has no body");
        }
        Optional<SSLContext> tls = settings.optionalString(CA_FILE)
                .map(file -> trusting(settings, context.configDirectory().resolve(file)));
        if (tls.isPresent() && !"https".equals(url.getScheme())) {
            throw settings.invalid(CA_FILE, "expected an https:// url when ca_file is set");
        }
        return new HttpCheck(new HttpProbe(url, method, status, body, timeout), tls);
    }

    private static URI url(Settings settings) {
        String written = settings.string(URL);
        try {
            URI url = new URI(written);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw settings.invalid(URL, "expected an http:// or https:// URL, got \"" + written + "\"");
    }

    private static SSLContext trusting(Settings settings, Path caFile) {
        try {
            return TrustedCa.sslContext(caFile);
        } catch (IOException | GeneralSecurityException e) {
            throw settings.invalid(CA_FILE, "expected a readable file of PEM CA certificates: " + e.getMessage());
        }
    }

    private static Pattern compile(Settings settings, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw settings.invalid(BODY_REGEX, "expected a Java regular expression: " + e.getDescription());
        }
    }
}
