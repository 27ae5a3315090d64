package io.hakeeper.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The rehearsal plays a takeover of each kind, and after it a daemon's first takeover loads no class of the
 * engine: loading them (the effect switch, the encoder's checksum) is what held the first advert of a new
 * master back by milliseconds past its Master_Down_Interval.
 */
class TakeoverRehearsalTest {

    @Test
    void eachKindOfInstanceTakesOverAndSends() {
        assertEquals(3 * 3, TakeoverRehearsal.run(), "three kinds, each: the takeover's advert, the timer's, and "
                + "the priority-0 one when taken out");
    }

    @Test
    void afterTheRehearsalAFirstTakeoverLoadsNoEngineClass() throws Exception {
        try (EngineLoader fresh = new EngineLoader()) {
            Runnable takeovers = fresh.prepareFirstTakeover();
            fresh.invoke(TakeoverRehearsal.class.getName(), "run");
            int before = fresh.loaded().size();
            takeovers.run();
            assertEquals(List.of(), fresh.loaded().subList(before, fresh.loaded().size()),
                    "classes loaded while the first advert of a new master waited");
        }
    }

    /** Without the rehearsal the same takeovers do load classes: what the test above looks for can be seen. */
    @Test
    void withoutTheRehearsalAFirstTakeoverLoadsClasses() throws Exception {
        try (EngineLoader fresh = new EngineLoader()) {
            Runnable takeovers = fresh.prepareFirstTakeover();
            int before = fresh.loaded().size();
            takeovers.run();
            assertFalse(fresh.loaded().subList(before, fresh.loaded().size()).isEmpty());
        }
    }

    /**
     * Loads the engine's classes (main and test) anew, child first, and lists them in the order it defines
     * them; everything else (the JDK, the api, the libraries) comes from the test's own loader.
     */
    private static final class EngineLoader extends URLClassLoader {

        private static final String ENGINE = "io.hakeeper.engine.";
        private final List<String> loaded = new ArrayList<>();

        EngineLoader() {
            super(new URL[] {location(TakeoverRehearsal.class), location(TakeoverRehearsalTest.class)},
                    TakeoverRehearsalTest.class.getClassLoader());
        }

        private static URL location(Class<?> type) {
            return type.getProtectionDomain().getCodeSource().getLocation();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(ENGINE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> type = findLoadedClass(name);
                if (type == null) {
                    type = findClass(name);
                    loaded.add(name);
                }
                if (resolve) {
                    resolveClass(type);
                }
                return type;
            }
        }

        List<String> loaded() {
            return loaded;
        }

        Runnable prepareFirstTakeover() throws Exception {
            return (Runnable) invoke(FirstTakeover.class.getName(), "prepare");
        }

        Object invoke(String className, String method) throws Exception {
            return loadClass(className).getMethod(method).invoke(null);
        }
    }
}
