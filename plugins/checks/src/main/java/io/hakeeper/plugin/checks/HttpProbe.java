package io.hakeeper.plugin.checks;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** What an http check asks and what answer counts as up. */
record HttpProbe(URI url, HttpMethod method, StatusCodes status, Optional<Pattern> body, Duration timeout) {
}
