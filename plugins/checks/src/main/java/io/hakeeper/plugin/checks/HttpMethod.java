package io.hakeeper.plugin.checks;

import java.util.Optional;

/** The requests an http check may make: both safe, so probing never changes the service. */
enum HttpMethod {
    GET, HEAD;

    static Optional<HttpMethod> parse(String written) {
        for (HttpMethod method : values()) {
            if (method.name().equals(written)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
