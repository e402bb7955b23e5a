package dev.apfa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path tmp;

    @Test
    void stopsTheRecordedProcessAndRemovesTheFile() throws IOException, InterruptedException {
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        PidFile pidFile = new PidFile(tmp.resolve("sleeper.pid"), "sleep 300");
        pidFile.write(sleeper.pid());

        assertThat(pidFile.livePid()).hasValue(sleeper.pid());
        assertThat(pidFile.stop(Duration.ofSeconds(10))).hasValue(sleeper.pid());
        assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pidFile.path()).doesNotExist();
    }

    @Test
    void aPidNowUsedByAnotherProgramIsNeitherReportedNorKilled() throws IOException, InterruptedException {
        Process other = new ProcessBuilder("sleep", "300").start();
        try {
            PidFile pidFile = new PidFile(tmp.resolve("kafka.pid"), "kafka.Kafka");
            pidFile.write(other.pid());

            assertThat(pidFile.livePid()).isEmpty();
            assertThat(pidFile.stop(Duration.ofSeconds(1))).isEmpty();
            assertThat(other.isAlive()).isTrue();
            assertThat(pidFile.path()).doesNotExist();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aMissingOrGarbledFileMeansNotRunning() throws IOException {
        PidFile pidFile = new PidFile(tmp.resolve("x.pid"), "anything");
        assertThat(pidFile.livePid()).isEmpty();

        Files.writeString(pidFile.path(), "not a number");
        assertThat(pidFile.livePid()).isEmpty();
    }
}
