package io.hakeeper.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CommandWordsTest {

    @Test
    void whitespaceSeparatesWordsAndQuotesKeepThemTogether() {
        assertEquals(List.of("/bin/notify", "a b", "c", "it's"),
                CommandWords.split("  /bin/notify 'a b'   \"c\" it\\'s ").words());
    }

    @Test
    void quotesJoinWithAdjacentText() {
        assertEquals(List.of("--name=my vip"), CommandWords.split("--name='my vip'").words());
    }

    @Test
    void anOpenQuoteIsAnError() {
        assertEquals(Optional.of("unterminated \" quote"), CommandWords.split("a \"b").error());
    }
}
