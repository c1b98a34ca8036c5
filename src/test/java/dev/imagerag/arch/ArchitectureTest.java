package dev.imagerag.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the package arrows of STYLE.md true: layers first, each SDK in its own infra room. Each
 * {@code ArchRule} constant below runs as one test (plain JUnit Jupiter, no extra engine).
 */
class ArchitectureTest {
  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.imagerag");

  @TestFactory
  List<DynamicTest> everyRuleHolds() throws IllegalAccessException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Field field : ArchitectureTest.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && ArchRule.class.isAssignableFrom(field.getType())) {
        ArchRule rule = (ArchRule) field.get(null);
        tests.add(DynamicTest.dynamicTest(field.getName(), () -> rule.check(PRODUCTION)));
      }
    }
    return tests;
  }

  private static final String[] SDKS = {
    "javafx..", "ai.djl..", "net.sourceforge.tess4j..", "com.openai..", "org.apache.lucene..",
    "io.qdrant..", "org.sqlite..", "com.drew..", "net.coobird..", "picocli..", "me.tongfei..",
    "ch.qos.logback.."
  };

  static final ArchRule layersPointInward =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("app").definedBy("dev.imagerag.app..")
          .layer("cli").definedBy("dev.imagerag.cli..")
          .layer("ui").definedBy("dev.imagerag.ui..")
          .layer("infra").definedBy("dev.imagerag.infra..")
          .layer("logic").definedBy("dev.imagerag.logic..")
          .layer("domain").definedBy("dev.imagerag.domain..")
          .layer("support").definedBy("dev.imagerag.support..")
          .whereLayer("app").mayNotBeAccessedByAnyLayer()
          .whereLayer("cli").mayOnlyBeAccessedByLayers("app")
          .whereLayer("ui").mayOnlyBeAccessedByLayers("app")
          .whereLayer("infra").mayOnlyBeAccessedByLayers("app")
          .whereLayer("logic").mayOnlyBeAccessedByLayers("app", "cli", "ui", "infra")
          .whereLayer("domain").mayOnlyBeAccessedByLayers("app", "cli", "ui", "infra", "logic")
          .whereLayer("support").mayOnlyBeAccessedByLayers("app", "cli", "ui", "infra", "logic", "domain");

  static final ArchRule domainAndLogicUseNoSdk =
      noClasses().that().resideInAnyPackage("dev.imagerag.domain..", "dev.imagerag.logic..")
          .should().dependOnClassesThat().resideInAnyPackage(SDKS)
          .because("ports speak domain types; SDKs stay in their infra adapters");

  static final ArchRule supportUsesOnlyTheJdk =
      noClasses().that().resideInAPackage("dev.imagerag.support..")
          .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.imagerag.support..");

  static final ArchRule infraPackagesDoNotKnowEachOther =
      slices().matching("dev.imagerag.infra.(*)..").should().notDependOnEachOther();

  static final ArchRule luceneStaysInItsRoom = sdkOnlyIn("org.apache.lucene..", "dev.imagerag.infra.lucene..");

  static final ArchRule sqliteStaysInItsRoom = sdkOnlyIn("org.sqlite..", "dev.imagerag.infra.catalog..");

  static final ArchRule metadataExtractorStaysInItsRoom = sdkOnlyIn("com.drew..", "dev.imagerag.infra.files..");

  static final ArchRule djlStaysInItsRoom = sdkOnlyIn("ai.djl..", "dev.imagerag.infra.onnx..");

  static final ArchRule tesseractStaysInItsRoom = sdkOnlyIn("net.sourceforge.tess4j..", "dev.imagerag.infra.tesseract..");

  static final ArchRule openAiStaysInItsRoom = sdkOnlyIn("com.openai..", "dev.imagerag.infra.openai..");

  static final ArchRule qdrantStaysInItsRoom = sdkOnlyIn("io.qdrant..", "dev.imagerag.infra.qdrant..");

  static final ArchRule picocliStaysInTheCli = sdkOnlyIn("picocli..", "dev.imagerag.cli..");

  static final ArchRule javafxStaysInTheUi =
      noClasses().that().resideOutsideOfPackages("dev.imagerag.ui..", "dev.imagerag.app..")
          .should().dependOnClassesThat().resideInAPackage("javafx..");

  static final ArchRule viewModelsDoNotTouchTheSceneGraph =
      noClasses().that().haveSimpleNameEndingWith("ViewModel")
          .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
          .because("view models are tested without a window");

  static final ArchRule logicPackagesHaveNoCycles =
      slices().matching("dev.imagerag.logic.(*)..").should().beFreeOfCycles();

  private static ArchRule sdkOnlyIn(String sdk, String room) {
    return noClasses().that().resideOutsideOfPackages(room)
        .should().dependOnClassesThat().resideInAPackage(sdk)
        .allowEmptyShould(true);
  }
}
