package io.hakeeper.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a command line into argv words the way keepalived splits notify and script strings: whitespace
 * separates words, single or double quotes keep whitespace inside a word (and are removed), a backslash
 * takes the next character literally. No variables, globs or other shell syntax.
 *
 * <p>In the api so that the engine (validating {@code script}, {@code notify_*} and {@code process}) and
 * the plugins that run those commands split a line one way.
 */
public final class CommandWords {

    private CommandWords() {
    }

    /** The words, or empty with a reason when a quote is left open. */
    public static Result split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quote != '\'' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            return new Result(List.of(), Optional.of("unterminated " + quote + " quote"));
        }
        if (inWord) {
            words.add(word.toString());
        }
        return new Result(List.copyOf(words), Optional.empty());
    }

    /** The split words, or why the line could not be split. */
    public record Result(List<String> words, Optional<String> error) {
    }
}
