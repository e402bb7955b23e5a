package dev.apfa.faiss.internal;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.MemberGetter;
import org.bytedeco.javacpp.annotation.MemberSetter;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Namespace;
import org.bytedeco.javacpp.annotation.NoOffset;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * Hand-written JavaCPP peers of the FAISS C++ classes APFA uses. Debian's libfaiss-dev has a static
 * {@code libfaiss.a} without the C API, so the C++ classes are mapped directly and linked into one
 * JNI library ({@code libjniFaissLibrary.so}) at build time. JavaCPP passes the link list to the
 * linker in reverse order, hence {@code gomp, blas, lapack, faiss} here: the command line reads
 * {@code -lfaiss -llapack -lblas -lgomp}, and {@code -Wl,--no-undefined} (pom) fails the build if
 * that ever changes. C++ exceptions thrown by FAISS arrive in Java as {@link RuntimeException}.
 *
 * <p>Not for use outside {@code dev.apfa.faiss}: nothing here checks arguments. Use
 * {@link dev.apfa.faiss.FaissIndex}.
 */
@Properties(value = @Platform(
        compiler = "cpp11",
        include = {"apfa_faiss.h"},
        link = {"gomp", "blas", "lapack", "faiss"}))
public final class FaissLibrary {

    static {
        Loader.load();
    }

    private FaissLibrary() {
    }

    /** Loads the JNI library; call before creating any peer. */
    public static void load() {
        Loader.load(FaissLibrary.class);
    }

    /** {@code faiss::Index}: the peer never owns its object; {@link #delete_index} releases it. */
    @Namespace("faiss")
    @NoOffset
    public static class Index extends Pointer {
        static {
            Loader.load();
        }

        public Index(Pointer p) {
            super(p);
        }

        @MemberGetter
        public native int d();

        @MemberGetter @Cast("long")
        public native long ntotal();

        @MemberGetter @Cast("bool") @Name("is_trained")
        public native boolean isTrained();

        public native void train(@Cast("faiss::Index::idx_t") long n, @Const float[] x);

        public native void add_with_ids(@Cast("faiss::Index::idx_t") long n, @Const float[] x,
                                        @Cast("const faiss::Index::idx_t*") long[] ids);

        /** As above from native memory: large adds copy the Java array once, not twice (JNI would copy it again). */
        public native void add_with_ids(@Cast("faiss::Index::idx_t") long n, @Const FloatPointer x,
                                        @Cast("const faiss::Index::idx_t*") long[] ids);

        public native void search(@Cast("faiss::Index::idx_t") long n, @Const float[] x,
                                  @Cast("faiss::Index::idx_t") long k, float[] distances,
                                  @Cast("faiss::Index::idx_t*") long[] labels,
                                  @Const SearchParameters params);
    }

    /** {@code faiss::SearchParameters}: per-call search settings, never shared between threads. */
    @Namespace("faiss")
    public static class SearchParameters extends Pointer {
        static {
            Loader.load();
        }

        public SearchParameters(Pointer p) {
            super(p);
        }
    }

    /** {@code faiss::SearchParametersIVF}: carries {@code nprobe} per call, so the shared index is never mutated. */
    @Namespace("faiss")
    public static class SearchParametersIVF extends SearchParameters {
        static {
            Loader.load();
        }

        public SearchParametersIVF() {
            super((Pointer) null);
            allocate();
        }

        private native void allocate();

        @MemberGetter @Cast("size_t") @Name("nprobe")
        public native long nprobe();

        @MemberSetter @Name("nprobe")
        public native SearchParametersIVF nprobe(@Cast("size_t") long nprobe);
    }

    @Namespace("apfa") @Name("new_flat_ip")
    public static native Index newFlatIP(int d);

    @Namespace("apfa") @Name("new_ivf_flat_ip")
    public static native Index newIvfFlatIP(int d, long nlist);

    @Namespace("apfa") @Name("delete_index")
    public static native void deleteIndex(Index index);

    /** 0 flat inner product, 1 IVF flat, -1 other. */
    @Namespace("apfa") @Name("kind_of")
    public static native int kindOf(@Const Index index);

    @Namespace("apfa") @Name("nlist_of")
    public static native long nlistOf(Index index);

    @Namespace("apfa") @Name("metric_of")
    public static native int metricOf(@Const Index index);

    @Namespace("apfa") @Name("set_omp_threads")
    public static native void setOmpThreads(int n);

    @Namespace("apfa") @Name("max_omp_threads")
    public static native int maxOmpThreads();

    @Namespace("faiss") @Name("write_index")
    public static native void writeIndex(@Const Index index, String fileName);

    @Namespace("faiss") @Name("read_index")
    public static native Index readIndex(String fileName, int ioFlags);
}
