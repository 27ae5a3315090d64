package io.hakeeper.plugin.checks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The last non-blank line of a script's output, read from the end so that a large output costs nothing. */
final class OutputTail {

    private static final int TAIL_BYTES = 4096;
    private static final int MAX_LINE = 200;

    private OutputTail() {
    }

    static String lastLine(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                String line = lines[i].strip();
                if (!line.isEmpty()) {
                    return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
                }
            }
            return "";
        }
    }
}
