package io.sluice;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The package rules of docs/architecture.md: the table there is {@link #MAY_IMPORT}.
 */
@AnalyzeClasses(packages = "io.sluice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The row of {@link #MAY_IMPORT} for {@code io.sluice.destinations.*}, each vendor's package. */
    private static final String VENDOR = "destinations.*";

    /** Each package under {@code io.sluice} and the packages it may import besides itself and libraries. */
    static final Map<String, List<String>> MAY_IMPORT = new LinkedHashMap<>();

    static {
        MAY_IMPORT.put("config", List.of());
        MAY_IMPORT.put("sync", List.of("config"));
        MAY_IMPORT.put("destinations", List.of("sync"));
        // every vendor without a row of its own, so that adding a destination needs none
        MAY_IMPORT.put(VENDOR, List.of("destinations", "sync", "config", "quotas"));
        // Slack is also where alerts go: it offers the alerts package an alert channel
        MAY_IMPORT.put("destinations.slack", List.of("destinations", "sync", "config", "quotas", "alerts"));
        MAY_IMPORT.put("state", List.of());
        // rate limits, daily budgets and breaker states, in memory or shared through the state store
        MAY_IMPORT.put("quotas", List.of("config"));
        MAY_IMPORT.put("audit", List.of("state", "config"));
        MAY_IMPORT.put("deadletter", List.of("destinations", "state"));
        MAY_IMPORT.put("runs", List.of("destinations", "state", "sync", "config"));
        MAY_IMPORT.put("read", List.of("runs", "state", "sync", "config"));
        MAY_IMPORT.put("processors", List.of("sync"));
        MAY_IMPORT.put("diff", List.of("read", "runs", "state", "deadletter", "destinations", "processors", "quotas",
                "sync", "config"));
        MAY_IMPORT.put("plan", List.of("runs", "state", "destinations", "sync", "config"));
        MAY_IMPORT.put("commit", List.of("runs", "state", "deadletter", "audit", "destinations", "sync"));
        MAY_IMPORT.put("metrics", List.of("runs", "state", "deadletter", "destinations", "sync"));
        MAY_IMPORT.put("delivery", List.of("commit", "metrics", "runs", "deadletter", "destinations", "diff",
                "processors", "quotas",
                "sync", "config"));
        MAY_IMPORT.put("pipeline", List.of("delivery", "plan", "runs", "state", "destinations", "sync", "config"));
        MAY_IMPORT.put("health", List.of("runs", "sync"));
        MAY_IMPORT.put("alerts", List.of("runs", "deadletter", "sync"));
        // problem details: the error bodies of the admin API and of the security filters in front of it
        MAY_IMPORT.put("problems", List.of());
        MAY_IMPORT.put("admin", List.of("pipeline", "delivery", "runs", "deadletter", "audit", "destinations", "sync",
                "security", "problems"));
        MAY_IMPORT.put("security", List.of("problems"));
        MAY_IMPORT.put("console", List.of());
        MAY_IMPORT.put("validate", List.of("sync", "destinations", "processors", "config"));
    }

    /** The sandbox module: the vendors' local fakes and the demo's wiring, on the product's runtime path only. */
    private static final String SANDBOX = "io.sluice.sandbox..";

    @ArchTest
    static final ArchRule packagesFormNoCycles = slices().assignedFrom(new Packages()).should().beFreeOfCycles();

    @ArchTest
    static void eachPackageImportsOnlyWhatItMay(JavaClasses classes) {
        CompositeArchRule rule = null;
        for (Map.Entry<String, List<String>> entry : MAY_IMPORT.entrySet()) {
            ArchRule own = classes().that(in(entry.getKey()))
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.sluice..").or(in(entry.getKey()))
                            .or(inAny(entry.getValue())));
            rule = rule == null ? CompositeArchRule.of(own) : rule.and(own);
        }
        rule.check(classes);
    }

    @ArchTest
    static void everyPackageHasItsRule(JavaClasses classes) {
        Set<String> packages = classes.stream()
                .filter(resideOutsideOfPackage(SANDBOX)
                        .and(resideInAPackage("io.sluice.*..")))
                .map(ArchitectureTest::packageOf)
                .collect(Collectors.toCollection(TreeSet::new));
        packages.removeIf(name -> name.startsWith("destinations."));
        assertThat(MAY_IMPORT.keySet()).as("packages in docs/architecture.md and MAY_IMPORT")
                .containsAll(packages);
    }

    @ArchTest
    static final ArchRule coreNamesNoVendor = noClasses()
            .that(resideOutsideOfPackage("io.sluice.destinations.*..")
                    .and(resideOutsideOfPackage(SANDBOX))
                    // being removed by the typed sync-file settings
                    .and(resideOutsideOfPackage("io.sluice.validate..")))
            .should().dependOnClassesThat(resideInAPackage("io.sluice.destinations.*.."))
            .because("the core reaches destinations through the contract in io.sluice.destinations");

    @ArchTest
    static final ArchRule productNeverUsesTheSandboxModule = noClasses()
            .that().resideOutsideOfPackage(SANDBOX)
            .should().dependOnClassesThat().resideInAPackage(SANDBOX)
            .because("the sandbox module holds local fakes of the vendors, for the demo and the tests only");

    /**
     * A package of the table. The destination contract is {@code io.sluice.destinations} without its vendors;
     * {@link #VENDOR} is every vendor that has no row of its own.
     */
    private static DescribedPredicate<JavaClass> in(String name) {
        if (name.equals(VENDOR)) {
            DescribedPredicate<JavaClass> vendor = resideInAPackage("io.sluice.destinations.*..");
            for (String row : MAY_IMPORT.keySet()) {
                if (row.startsWith("destinations.") && !row.equals(VENDOR)) {
                    vendor = vendor.and(DescribedPredicate.not(in(row)));
                }
            }
            return vendor.as("a vendor package without a row of its own");
        }
        return name.equals("destinations") ? resideInAPackage("io.sluice.destinations")
                : resideInAPackage("io.sluice." + name + "..");
    }

    private static DescribedPredicate<JavaClass> inAny(List<String> names) {
        DescribedPredicate<JavaClass> any = DescribedPredicate.alwaysFalse();
        for (String name : names) {
            any = any.or(in(name));
        }
        return any.as("any of " + names);
    }

    /** The table's name of a class's package: below {@code io.sluice}, a vendor of the destinations apart. */
    private static String packageOf(JavaClass javaClass) {
        List<String> parts = List.of(javaClass.getPackageName().substring("io.sluice.".length()).split("\\."));
        boolean vendor = parts.get(0).equals("destinations") && parts.size() > 1;
        return String.join(".", parts.subList(0, vendor ? 2 : 1));
    }

    /** One slice per package of the table. */
    private static final class Packages implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return javaClass.getPackageName().startsWith("io.sluice.") ? SliceIdentifier.of(packageOf(javaClass))
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of io.sluice, each vendor of io.sluice.destinations apart";
        }
    }
}
