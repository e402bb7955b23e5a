import dev.apfa.lakehouse.Document;
import dev.apfa.lakehouse.DocumentCodec;
import dev.apfa.lakehouse.EmbeddingCodec;
import dev.apfa.lakehouse.EmbeddingRow;
import dev.apfa.lakehouse.Lakehouse;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks a finished batch in the Delta tables: in embeddings version V, every document of the
 * source table version appears exactly once for that source table. Exit 0 when it holds, 1 if not.
 * Usage: VerifyBatch <lakehouse root> <source table> <source version> <embeddings version>
 */
public class VerifyBatch {
    public static void main(String[] args) {
        Lakehouse lake = Lakehouse.at(args[0]);
        Set<String> source = new HashSet<>();
        lake.table(args[1]).forEach(Long.parseLong(args[2]), DocumentCodec.IDS_ONLY, (Document d) -> source.add(d.id()));
        Map<String, Integer> seen = new HashMap<>();
        lake.table(Lakehouse.EMBEDDINGS).forEach(Long.parseLong(args[3]), EmbeddingCodec.KEYS_ONLY, (EmbeddingRow r) -> {
            if (r.sourceTable().equals(args[1])) {
                seen.merge(r.docId(), 1, Integer::sum);
            }
        });
        long duplicates = seen.values().stream().filter(n -> n > 1).count();
        long missing = source.stream().filter(id -> !seen.containsKey(id)).count();
        long extra = seen.keySet().stream().filter(id -> !source.contains(id)).count();
        System.out.printf("source documents %d, embedded rows %d, duplicated %d, missing %d, extra %d%n",
                source.size(), seen.values().stream().mapToInt(Integer::intValue).sum(), duplicates, missing, extra);
        boolean ok = duplicates == 0 && missing == 0 && extra == 0;
        System.out.println(ok ? "EXACTLY ONCE: yes" : "EXACTLY ONCE: NO");
        System.exit(ok ? 0 : 1);
    }
}
