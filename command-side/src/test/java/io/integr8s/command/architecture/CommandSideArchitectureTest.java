package io.integr8s.command.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** DESIGN.md: the write model depends on Axon messaging/modelling only. */
@AnalyzeClasses(packages = "io.integr8s.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule noSpringWebOrStorage = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..", "reactor..", "java.sql..",
                    "org.apache.kafka..", "org.redisson..");

    @ArchTest
    static final ArchRule messagesAreRecords = classes().that().resideInAPackage("..api..")
            .and().areNotEnums().and().areNotInterfaces().and().areNotAssignableTo(RuntimeException.class)
            .should().beRecords();

    @ArchTest
    static final ArchRule publishedLanguageDependsOnNothingInternal = noClasses().that().resideInAPackage("..api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.integr8s.command.execution", "io.integr8s.command.system",
                    "io.integr8s.command.user");
}
