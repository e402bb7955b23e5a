package dev.apfa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRootTest {

    private static final String ROOT_POM = "<project><artifactId>apfa-parent</artifactId><packaging>pom</packaging></project>";
    private static final String MODULE_POM =
            "<project><parent><groupId>dev.apfa</groupId><artifactId>apfa-parent</artifactId></parent>"
                    + "<artifactId>testkit</artifactId></project>";

    @TempDir
    Path tmp;

    @Test
    void findsTheRootPomAboveAModuleButNotTheModuleThatOnlyNamesItAsParent() throws IOException {
        Path root = repository();
        Path module = root.resolve("libs/testkit");

        assertThat(ProjectRoot.locate(null, null, module)).contains(root);
        assertThat(ProjectRoot.isRoot(module)).isFalse();
    }

    @Test
    void binApfaMarksTheRootToo() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("checkout/bin"));
        Files.writeString(root.resolve("apfa"), "#!/bin/sh\n");

        assertThat(ProjectRoot.locate(null, null, tmp.resolve("checkout/sub/dir"))).contains(tmp.resolve("checkout"));
    }

    @Test
    void systemPropertyWinsOverEnvironmentAndWorkingDirectory() throws IOException {
        Path fromProperty = repositoryAt("a");
        Path fromEnv = repositoryAt("b");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));

        assertThat(ProjectRoot.locate(fromProperty.toString(), fromEnv.toString(), elsewhere)).contains(fromProperty);
        assertThat(ProjectRoot.locate(null, fromEnv.toString(), elsewhere)).contains(fromEnv);
    }

    @Test
    void aPropertyPointingIntoAModuleIsSearchedUpwards() throws IOException {
        // Maven started inside a module passes that module as maven.multiModuleProjectDirectory.
        Path root = repository();

        assertThat(ProjectRoot.locate(root.resolve("libs/testkit").toString(), null, tmp)).contains(root);
    }

    @Test
    void dataDirIsDotApfaUnderTheRootUnlessConfigured() throws IOException {
        Path root = repository();

        assertThat(DataDir.resolve(Map.of(), Optional.of(root), tmp).path()).isEqualTo(root.resolve(".apfa"));
        assertThat(DataDir.resolve(Map.of(DataDir.ENV, "data"), Optional.of(root), tmp).path()).isEqualTo(tmp.resolve("data"));
        assertThat(DataDir.resolve(Map.of(DataDir.ENV, "/srv/apfa"), Optional.empty(), tmp).path()).isEqualTo(Path.of("/srv/apfa"));
    }

    @Test
    void withoutRootOrDataDirTheErrorSaysWhatToSet() {
        assertThatThrownBy(() -> DataDir.resolve(Map.of(), Optional.empty(), tmp))
                .isInstanceOf(InfraException.class)
                .hasMessageContaining("APFA_ROOT")
                .hasMessageContaining("APFA_DATA_DIR");
    }

    private Path repository() throws IOException {
        return repositoryAt("repo");
    }

    private Path repositoryAt(String name) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(name));
        Files.writeString(root.resolve("pom.xml"), ROOT_POM);
        Path module = Files.createDirectories(root.resolve("libs/testkit"));
        Files.writeString(module.resolve("pom.xml"), MODULE_POM);
        return root;
    }
}
