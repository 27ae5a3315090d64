package io.hakeeper.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The walls between packages, kept by a test rather than by memory: the VRRP logic stays pure,
 * the api stays small, and no two packages lean on each other.
 */
class ArchitectureTest {

    private static final JavaClasses HAKEEPER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hakeeper");

    @Test
    void apiSeesOnlyTheJdkAndPf4j() {
        classes().that().resideInAPackage("io.hakeeper.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.hakeeper.api..", "java..", "org.pf4j..")
                .check(HAKEEPER);
    }

    @Test
    void engineSubPackagesDoNotDependOnEachOtherInCycles() {
        slices().matching("io.hakeeper.engine.(*)..").should().beFreeOfCycles().check(HAKEEPER);
    }

    @Test
    void vrrpLogicTouchesNoSocketsThreadsOrClocks() {
        noClasses().that().resideInAPackage("io.hakeeper.engine.vrrp..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.channels..",
                        "java.util.concurrent..", "com.sun.jna..", "org.pcap4j..", "org.pf4j..", "io.hakeeper.engine.plugin..")
                .orShould().dependOnClassesThat().haveNameMatching(
                        "java\\.net\\.(Socket|ServerSocket|DatagramSocket|MulticastSocket|NetworkInterface).*")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .allowEmptyShould(true)
                .check(HAKEEPER);
    }

    @Test
    void configurationNeverReachesForThePluginHostInternals() {
        noClasses().that().resideInAPackage("io.hakeeper.engine.config..")
                .should().dependOnClassesThat().resideInAPackage("org.pf4j..")
                .check(HAKEEPER);
    }
}
