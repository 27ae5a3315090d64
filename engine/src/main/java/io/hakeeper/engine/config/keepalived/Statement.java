package io.hakeeper.engine.config.keepalived;

import java.util.List;
import java.util.Optional;

import io.hakeeper.api.SourcePosition;

/**
 * One keepalived.conf statement: a keyword, the words after it on its line and, when a {@code { }} block
 * follows, the statements inside it. Inside list blocks ({@code virtual_ipaddress { }}) every line is a
 * statement whose keyword is the line's first word.
 *
 * @param block the statements of the block, or empty when no block follows the keyword
 */
public record Statement(String keyword, List<String> args, Optional<List<Statement>> block, SourcePosition position) {

    public Statement {
        args = List.copyOf(args);
        block = block.map(List::copyOf);
    }

    /** The keyword and its words, as one line of text. */
    public List<String> words() {
        List<String> all = new java.util.ArrayList<>(args.size() + 1);
        all.add(keyword);
        all.addAll(args);
        return all;
    }

    /** The block's statements; empty when there is no block. */
    public List<Statement> children() {
        return block.orElse(List.of());
    }
}
