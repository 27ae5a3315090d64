package io.hakeeper.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsEveryKindAndWritesItBack() {
        String text = "{\"s\": \"a\\\"b\\n\\u00e9\", \"i\": -12, \"d\": 0.1, \"t\": true, \"n\": null, \"a\": [1, {}]}";
        Map<String, Object> value = Json.parseObject(text);
        assertEquals("a\"b\né", value.get("s"));
        assertEquals(-12L, value.get("i"));
        assertEquals(0.1, value.get("d"));
        assertEquals(List.of(1L, Map.of()), value.get("a"));
        assertEquals(value, Json.parseObject(Json.write(value)));
    }

    @Test
    void wholeDoublesKeepTheirFraction() {
        assertEquals("[1.0, 12.5, 3]", Json.write(List.of(1.0, 12.5, 3L)));
    }

    @Test
    void refusesWhatIsNotOneObject() {
        assertThrows(Json.JsonException.class, () -> Json.parseObject("hello"));
        assertThrows(Json.JsonException.class, () -> Json.parseObject("[1]"));
        assertThrows(Json.JsonException.class, () -> Json.parseObject("{\"a\": 1} x"));
        assertThrows(Json.JsonException.class, () -> Json.parseObject("{\"a\": 1, \"a\": 2}"));
        assertThrows(Json.JsonException.class, () -> Json.parse("[".repeat(100) + "]".repeat(100)));
    }
}
