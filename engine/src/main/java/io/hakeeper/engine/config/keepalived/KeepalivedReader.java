package io.hakeeper.engine.config.keepalived;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.hakeeper.api.SourcePosition;
import io.hakeeper.engine.config.Problem;

/**
 * Reads keepalived.conf's grammar into {@link Statement}s, without knowing any keyword but {@code include}.
 *
 * <p>As keepalived: words are separated by whitespace; {@code "double quotes"} keep spaces in a word;
 * {@code #} or {@code !} outside quotes starts a comment to the end of the line; {@code {} and {@code }}
 * are words of their own even without spaces around them; a block opens with {@code {} on the keyword's
 * line or alone on the next one. {@code include PATTERN} is replaced by the files the glob matches, in name
 * order, a relative pattern taken from the including file's directory. Every problem names the file and
 * line it was found at.
 */
public final class KeepalivedReader {

    private static final int MAX_INCLUDE_DEPTH = 20;

    private record Token(String text, boolean quoted, SourcePosition position) {
        boolean is(String brace) {
            return !quoted && text.equals(brace);
        }
    }

    private final List<Problem> problems;
    private final List<Token> tokens = new ArrayList<>();
    private int next;

    private KeepalivedReader(List<Problem> problems) {
        this.problems = problems;
    }

    /**
     * Reads a file and everything it includes.
     *
     * @param problems receives errors (missing or extra braces, unreadable includes) and warnings
     * @return the top-level statements
     */
    public static List<Statement> read(Path file, List<Problem> problems) throws IOException {
        KeepalivedReader reader = new KeepalivedReader(problems);
        reader.tokenize(file, Files.readString(file), 0);
        return reader.statements(null);
    }

    /** Reads text as if it were the file {@code fileName} in {@code directory} (tests). */
    public static List<Statement> read(String text, Path file, List<Problem> problems) throws IOException {
        KeepalivedReader reader = new KeepalivedReader(problems);
        reader.tokenize(file, text, 0);
        return reader.statements(null);
    }

    private void tokenize(Path file, String text, int depth) throws IOException {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            List<Token> line = splitLine(lines[i], file.toString(), i + 1);
            if (!line.isEmpty() && !line.get(0).quoted() && line.get(0).text().equals("include")) {
                include(file, line, depth);
            } else {
                tokens.addAll(line);
            }
        }
    }

    private List<Token> splitLine(String line, String fileName, int lineNumber) {
        List<Token> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || c == '!') {
                break;
            } else if (c == '{' || c == '}') {
                words.add(new Token(String.valueOf(c), false, new SourcePosition(fileName, lineNumber, i + 1)));
                i++;
            } else if (c == '"') {
                int end = line.indexOf('"', i + 1);
                if (end < 0) {
                    problems.add(Problem.error(new SourcePosition(fileName, lineNumber, i + 1), "",
                            "unterminated quoted string"));
                    end = line.length();
                }
                words.add(new Token(line.substring(i + 1, end), true, new SourcePosition(fileName, lineNumber, i + 1)));
                i = end + 1;
            } else {
                int start = i;
                while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && "{}\"".indexOf(line.charAt(i)) < 0) {
                    i++;
                }
                words.add(new Token(line.substring(start, i), false, new SourcePosition(fileName, lineNumber, start + 1)));
            }
        }
        return words;
    }

    private void include(Path from, List<Token> line, int depth) throws IOException {
        SourcePosition at = line.get(0).position();
        if (line.size() != 2) {
            problems.add(Problem.error(at, "include", "include takes one file name or glob pattern"));
            return;
        }
        if (depth >= MAX_INCLUDE_DEPTH) {
            problems.add(Problem.error(at, "include", "includes nested more than " + MAX_INCLUDE_DEPTH
                    + " deep (an include loop?)"));
            return;
        }
        String pattern = line.get(1).text();
        Path directory = from.toAbsolutePath().getParent();
        List<Path> matches = glob(directory, pattern);
        if (matches.isEmpty()) {
            problems.add(Problem.warning(at, "include", "no file matches \"" + pattern + "\""));
        }
        for (Path match : matches) {
            try {
                tokenize(match, Files.readString(match), depth + 1);
            } catch (IOException e) {
                problems.add(Problem.error(at, "include", "cannot read " + match + ": " + e.getMessage()));
            }
        }
    }

    /** The files a keepalived include pattern names, sorted; globs may be in any part of the path. */
    static List<Path> glob(Path directory, String pattern) throws IOException {
        Path absolute = directory.resolve(pattern).normalize();
        List<Path> found = new ArrayList<>();
        expand(absolute.getRoot(), absolute, 0, found);
        found.sort(null);
        return found;
    }

    private static void expand(Path base, Path pattern, int index, List<Path> found) throws IOException {
        if (index == pattern.getNameCount()) {
            if (Files.isRegularFile(base)) {
                found.add(base);
            }
            return;
        }
        String part = pattern.getName(index).toString();
        if (part.chars().noneMatch(c -> "*?[{".indexOf(c) >= 0)) {
            expand(base.resolve(part), pattern, index + 1, found);
            return;
        }
        if (!Files.isDirectory(base)) {
            return;
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(base, part)) {
            stream.forEach(children::add);
        }
        children.sort(null);
        for (Path child : children) {
            if (!child.getFileName().toString().startsWith(".") || part.startsWith(".")) {
                expand(child, pattern, index + 1, found);
            }
        }
    }

    /** Statements until the end of the tokens (top level) or the brace closing the block opened at opener. */
    private List<Statement> statements(Token opener) {
        List<Statement> statements = new ArrayList<>();
        while (next < tokens.size()) {
            Token first = tokens.get(next);
            if (first.is("}")) {
                next++;
                if (opener != null) {
                    return statements;
                }
                problems.add(Problem.error(first.position(), "", "'}' without a block to close"));
                continue;
            }
            if (first.is("{")) {
                next++;
                problems.add(Problem.error(first.position(), "", "'{' without a keyword before it"));
                statements(first);
                continue;
            }
            next++;
            int line = first.position().line();
            String file = first.position().file();
            List<String> args = new ArrayList<>();
            while (next < tokens.size() && sameLine(tokens.get(next), file, line)
                    && !tokens.get(next).is("{") && !tokens.get(next).is("}")) {
                args.add(tokens.get(next++).text());
            }
            Optional<List<Statement>> block = Optional.empty();
            if (next < tokens.size() && tokens.get(next).is("{")
                    && (sameLine(tokens.get(next), file, line) || startsLine(next))) {
                Token brace = tokens.get(next++);
                block = Optional.of(statements(brace));
            }
            statements.add(new Statement(first.text(), args, block, first.position()));
        }
        if (opener != null) {
            problems.add(Problem.error(opener.position(), "", "missing '}': the block opened here is never closed"));
        }
        return statements;
    }

    private static boolean sameLine(Token token, String file, int line) {
        return token.position().line() == line && token.position().file().equals(file);
    }

    private boolean startsLine(int index) {
        if (index == 0) {
            return true;
        }
        SourcePosition before = tokens.get(index - 1).position();
        SourcePosition here = tokens.get(index).position();
        return before.line() != here.line() || !before.file().equals(here.file());
    }
}
