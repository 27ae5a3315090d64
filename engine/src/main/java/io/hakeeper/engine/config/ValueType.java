package io.hakeeper.engine.config;

/** The shape a key's value takes in TOML, as the reference table in docs/configuration.md names it. */
public enum ValueType {
    STRING("string"),
    INTEGER("integer"),
    SECONDS("seconds"),
    BOOLEAN("boolean"),
    STRINGS("array of strings"),
    INTEGERS("array of integers"),
    COMMAND("command line"),
    ADDRESS("IP address"),
    ADDRESSES("array of IP addresses"),
    TRACKED("array of names or { name, weight, reverse }"),
    TABLE("table");

    private final String word;

    ValueType(String word) {
        this.word = word;
    }

    /** How the docs name the type. */
    public String word() {
        return word;
    }
}
