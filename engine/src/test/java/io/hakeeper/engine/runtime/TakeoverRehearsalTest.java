package io.hakeeper.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * The warm-up plays its rehearsals on a daemon thread of its own at nice 19 and ends; the thread's own
     * rehearsals are checked as the one above is (each throws if its backup did not hear or take over).
     */
    @Test
    void theWarmUpRehearsesOnAThreadOfItsOwnAtTheLowestPriority() throws Exception {
        // enough rounds (tens of milliseconds) for its nice level to be read from /proc while it runs
        Thread warmUp = TakeoverRehearsal.startWarmUp(500);
        assertEquals("hakeeper-takeover-warm-up", warmUp.getName());
        assertTrue(warmUp.isDaemon(), "a warm-up must not keep the JVM alive");
        int nice = Integer.MIN_VALUE;
        while (warmUp.isAlive() && nice != 19) {
            nice = niceOfThreadNamed("hakeeper-takeov"); // the kernel keeps 15 characters of the name
        }
        warmUp.join(60_000);
        assertFalse(warmUp.isAlive(), "500 rehearsals in 60 s");
        assertEquals(19, nice, "the warm-up's nice level while it ran");
    }

    /** The nice level of this JVM's thread of that name, or MIN_VALUE if there is none. */
    private static int niceOfThreadNamed(String comm) {
        try (var tasks = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path task : tasks) {
                try {
                    if (java.nio.file.Files.readString(task.resolve("comm")).strip().equals(comm)) {
                        String stat = java.nio.file.Files.readString(task.resolve("stat"));
                        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
                    }
                } catch (java.io.IOException ended) {
                    // a thread that ended while we looked
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Integer.MIN_VALUE;
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
