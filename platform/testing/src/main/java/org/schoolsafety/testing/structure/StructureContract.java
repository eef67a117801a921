package org.schoolsafety.testing.structure;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shape of one module, checked on its compiled main classes: its packages form no cycle, it uses no other
 * service (only its own packages, the event contracts and the platform), and, where it names them, each of its
 * packages uses only the sibling packages it names. A module's test extends this and names its root package.
 */
public abstract class StructureContract {

    private static final String PROJECT = "org.schoolsafety";

    private JavaClasses classes;

    /** The module's root package, for example {@code org.schoolsafety.alert}. */
    protected abstract String rootPackage();

    /** The project's packages outside its own root that the module may use. */
    protected Set<String> mayUse() {
        return Set.of("org.schoolsafety.events", "org.schoolsafety.platform");
    }

    /**
     * For each package directly under the root (by its last name, {@code ""} for the root itself), the sibling
     * packages it may use. Empty means unchecked; once given, every package must be named here.
     */
    protected Map<String, Set<String>> packageDependencies() {
        return Map.of();
    }

    private JavaClasses classes() {
        if (classes == null) {
            classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                    .importPackages(rootPackage());
            assertThat(classes).as("classes under %s", rootPackage()).isNotEmpty();
        }
        return classes;
    }

    @Test
    void packagesFormNoCycle() {
        slices().assignedFrom(packagesUnder(rootPackage()))
                .should()
                .beFreeOfCycles()
                .because("a package cycle makes two packages one that is harder to read")
                .check(classes());
    }

    @Test
    void usesNoOtherServiceOnlyTheEventContractsAndThePlatform() {
        var allowed = new TreeSet<String>();
        allowed.add(rootPackage() + "..");
        mayUse().forEach(pkg -> allowed.add(pkg + ".."));
        noClasses()
                .should()
                .dependOnClassesThat(
                        resideInAPackage(PROJECT + "..").and(not(resideInAnyPackage(allowed.toArray(String[]::new)))))
                .because("services talk over topics only, and the platform knows no service")
                .check(classes());
    }

    @Test
    void eachPackageUsesOnlyThePackagesItNames() {
        Map<String, Set<String>> named = packageDependencies();
        if (named.isEmpty()) {
            return;
        }
        Map<String, Set<String>> used = new TreeMap<>();
        for (JavaClass type : classes()) {
            String from = packageUnderRoot(type.getPackageName());
            if (from == null) {
                continue;
            }
            used.computeIfAbsent(from, k -> new TreeSet<>());
            type.getDirectDependenciesFromSelf().forEach(dependency -> {
                String to = packageUnderRoot(dependency.getTargetClass().getPackageName());
                if (to != null && !to.equals(from)) {
                    used.get(from).add(to);
                }
            });
        }
        assertThat(named.keySet()).as("packages named in packageDependencies()").containsAll(used.keySet());
        used.forEach((from, targets) -> assertThat(named.get(from))
                .as("packages that %s.%s may use", rootPackage(), from)
                .containsAll(targets));
    }

    private String packageUnderRoot(String pkg) {
        return packageUnder(rootPackage(), pkg);
    }

    /**
     * One slice per package directly under the root, and one for the root's own classes, so that a cycle
     * through the root package counts too (ArchUnit's {@code matching("root.(*)..")} leaves the root out).
     */
    public static SliceAssignment packagesUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                String slice = packageUnder(root, type.getPackageName());
                if (slice == null) {
                    return SliceIdentifier.ignore();
                }
                return SliceIdentifier.of(slice.isEmpty() ? root : root + "." + slice);
            }

            @Override
            public String getDescription() {
                return "packages under " + root + " and " + root + " itself";
            }
        };
    }

    /** The first package name under the root ({@code ""} for the root itself), or null outside it. */
    private static String packageUnder(String root, String pkg) {
        if (pkg.equals(root)) {
            return "";
        }
        if (!pkg.startsWith(root + ".")) {
            return null;
        }
        String rest = pkg.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
