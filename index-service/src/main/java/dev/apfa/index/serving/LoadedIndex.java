package dev.apfa.index.serving;

import dev.apfa.faiss.FaissIndex;
import dev.apfa.index.build.Manifest;
import dev.apfa.index.passages.Passage;
import dev.apfa.index.passages.PassageFile;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded version, reference counted: the active slot holds one reference and every search
 * holds one while it runs. The native index is closed when the count drops to zero, i.e. after it
 * was swapped out and the last in-flight search on it finished.
 */
public final class LoadedIndex {

    private final Manifest manifest;
    private final FaissIndex index;
    private final List<String> docIds;
    private final PassageFile passages;
    private final AtomicInteger references = new AtomicInteger(1);

    LoadedIndex(Manifest manifest, FaissIndex index, List<String> docIds) {
        this(manifest, index, docIds, null);
    }

    LoadedIndex(Manifest manifest, FaissIndex index, List<String> docIds, PassageFile passages) {
        this.manifest = manifest;
        this.index = index;
        this.docIds = docIds;
        this.passages = passages;
    }

    public Manifest manifest() {
        return manifest;
    }

    public int version() {
        return manifest.version();
    }

    FaissIndex index() {
        return index;
    }

    String docId(long label) {
        return docIds.get((int) label);
    }

    /** The passage of a label, or null for a version built without passages. */
    Passage passage(long label) {
        return passages == null ? null : passages.get((int) label);
    }

    /** False once the index has been released: the caller must read the active slot again. */
    boolean tryAcquire() {
        while (true) {
            int count = references.get();
            if (count == 0) {
                return false;
            }
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            index.close();
            if (passages != null) {
                passages.close();
            }
        }
    }

    boolean isReleased() {
        return index.isClosed();
    }
}
