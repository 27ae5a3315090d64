package io.hakeeper.engine.plugin;

import io.hakeeper.api.AnnouncerFactory;
import io.hakeeper.api.AuthMethodFactory;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.NotifierFactory;
import io.hakeeper.api.TypeFactory;
import io.hakeeper.api.VipBackendFactory;

/** The extension points of the api, each with the word people use for its types in messages. */
public enum ExtensionKind {
    CHECK(CheckFactory.class, "check"),
    NOTIFIER(NotifierFactory.class, "notifier"),
    VIP_BACKEND(VipBackendFactory.class, "VIP backend"),
    ANNOUNCER(AnnouncerFactory.class, "announcer"),
    AUTH_METHOD(AuthMethodFactory.class, "auth");

    private final Class<? extends TypeFactory> factoryType;
    private final String noun;

    ExtensionKind(Class<? extends TypeFactory> factoryType, String noun) {
        this.factoryType = factoryType;
        this.noun = noun;
    }

    public Class<? extends TypeFactory> factoryType() {
        return factoryType;
    }

    /** "check", "auth", ...: as in "no auth type PASS; available: AH". */
    public String noun() {
        return noun;
    }

    public static ExtensionKind of(Class<? extends TypeFactory> factoryType) {
        for (ExtensionKind kind : values()) {
            if (kind.factoryType == factoryType) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not an extension point: " + factoryType.getName());
    }
}
