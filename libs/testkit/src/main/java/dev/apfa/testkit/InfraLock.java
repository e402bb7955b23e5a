package dev.apfa.testkit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises start-up across JVMs (test forks of parallel module builds, the CLI): whoever holds
 * the lock on {@code <data dir>/infra.lock} starts what is missing, the others wait and then
 * find it running. The OS releases the lock if the holder dies.
 */
final class InfraLock implements AutoCloseable {

    // A file lock belongs to the whole JVM, so threads of one JVM must queue in front of it.
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private final FileChannel channel;
    private final FileLock lock;

    private InfraLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static InfraLock acquire(Path file, Duration timeout) {
        try {
            if (!IN_THIS_JVM.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InfraException("another thread held the infrastructure lock for " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while waiting for the infrastructure lock", e);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel = opened;
            FileLock lock = Poll.until("the lock " + file + " (another JVM is starting infrastructure)", timeout,
                    () -> tryLock(opened), () -> "");
            return new InfraLock(opened, lock);
        } catch (IOException e) {
            release(channel);
            throw new InfraException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            release(channel);
            throw e;
        }
    }

    private static void release(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing was locked through it
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    private static Optional<FileLock> tryLock(FileChannel channel) {
        try {
            return Optional.ofNullable(channel.tryLock());
        } catch (IOException e) {
            throw new InfraException("cannot lock: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock anyway
        } finally {
            IN_THIS_JVM.unlock();
        }
    }
}
