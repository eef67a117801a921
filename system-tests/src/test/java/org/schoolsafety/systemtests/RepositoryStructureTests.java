package org.schoolsafety.systemtests;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.schoolsafety.testing.structure.StructureContract;

/**
 * The repository's shape, on every module's compiled main classes: services never use each other (they talk
 * over topics), the platform and the event contracts use no service, the event contracts use nothing else of
 * the project, and no shared module has a package cycle. Each service checks its own packages itself
 * ({@code StructureContract}).
 */
class RepositoryStructureTests {

    /** Each service module and its root package. */
    private static final Map<String, String> SERVICES = Map.of(
            "gateway", "org.schoolsafety.gateway",
            "alert-service", "org.schoolsafety.alert",
            "subscription-service", "org.schoolsafety.subscription",
            "bulletin-service", "org.schoolsafety.bulletin",
            "cyber-threat-service", "org.schoolsafety.cyber",
            "delivery-service", "org.schoolsafety.delivery",
            "local-stack", "org.schoolsafety.localstack");

    private static final List<String> SHARED =
            List.of("platform/events", "platform/runtime", "platform/security", "platform/testing");

    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        Path root = Path.of(System.getProperty("ssn.project.dir", ".."));
        var dirs = new java.util.ArrayList<Path>();
        SERVICES.keySet().forEach(module -> dirs.add(root.resolve(module).resolve("target/classes")));
        SHARED.forEach(module -> dirs.add(root.resolve(module).resolve("target/classes")));
        assertThat(dirs)
                .allSatisfy(dir -> assertThat(Files.isDirectory(dir))
                        .as("%s (build the modules first)", dir)
                        .isTrue());
        classes = new ClassFileImporter().importPaths(dirs);
        assertThat(classes).hasSizeGreaterThan(300);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "org.schoolsafety.gateway",
                "org.schoolsafety.alert",
                "org.schoolsafety.subscription",
                "org.schoolsafety.bulletin",
                "org.schoolsafety.cyber",
                "org.schoolsafety.delivery",
                "org.schoolsafety.localstack"
            })
    void aServiceUsesNoOtherService(String service) {
        String[] others = SERVICES.values().stream()
                .filter(other -> !other.equals(service))
                .map(other -> other + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage(service + "..")
                .should()
                .dependOnClassesThat(resideInAnyPackage(others))
                .because("services talk over topics, never through each other's classes")
                .check(classes);
    }

    @Test
    void thePlatformAndTheEventContractsUseNoService() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.schoolsafety.events..", "org.schoolsafety.platform..", "org.schoolsafety.testing..")
                .should()
                .dependOnClassesThat(resideInAnyPackage(
                        SERVICES.values().stream().map(s -> s + "..").toArray(String[]::new)))
                .check(classes);
    }

    @Test
    void theEventContractsUseNothingElseOfTheProject() {
        noClasses()
                .that()
                .resideInAPackage("org.schoolsafety.events..")
                .should()
                .dependOnClassesThat(resideInAnyPackage("org.schoolsafety.platform..", "org.schoolsafety.testing.."))
                .because("every service and the platform read the contracts; they depend on nothing of ours")
                .check(classes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.schoolsafety.events", "org.schoolsafety.platform", "org.schoolsafety.testing"})
    void aSharedModuleHasNoPackageCycle(String root) {
        slices().assignedFrom(StructureContract.packagesUnder(root))
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void everyModuleIsRead() {
        assertThat(Arrays.stream(new String[] {"org.schoolsafety.events", "org.schoolsafety.platform"}))
                .allSatisfy(
                        pkg -> assertThat(classes.containPackage(pkg)).as(pkg).isTrue());
    }
}
