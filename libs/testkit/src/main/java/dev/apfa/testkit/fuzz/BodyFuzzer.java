package dev.apfa.testkit.fuzz;

import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates request bodies that are wrong in the ways clients get them wrong: broken JSON, wrong
 * types, missing and unknown fields, huge and odd strings, deep nesting. Seeded, so a failure
 * reproduces; the seed is in every assertion message. Shared by the fuzz tests of every endpoint.
 */
public final class BodyFuzzer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Random random;
    private final Map<String, Object> valid;
    private final int largestString;

    /**
     * @param valid         a valid body of the endpoint, the starting point of most mutations
     * @param largestString the longest string field generated: just above the body size limit of
     *                      what is tested, so the limit is exercised too
     */
    public BodyFuzzer(long seed, Map<String, Object> valid, int largestString) {
        this.random = new Random(seed);
        this.valid = valid;
        this.largestString = largestString;
    }

    public List<String> bodies(int count) {
        List<String> out = new ArrayList<>(List.of("", "{", "}", "[]", "null", "0", "\"x\"", "{\"a\":}", "{,}",
                "{\"username\":\"a\" \"password\":\"b\"}", "[".repeat(5000), "{\"a\":" .repeat(3000),
                json(valid) + "garbage", "\u0000\u0001\u0002", "{'username':'single'}"));
        while (out.size() < count) {
            out.add(switch (random.nextInt(8)) {
                case 0 -> truncated();
                case 1 -> wrongType();
                case 2 -> missingField();
                case 3 -> unknownField();
                case 4 -> hugeString();
                case 5 -> oddString();
                case 6 -> randomBytes();
                default -> nested();
            });
        }
        return out;
    }

    private String truncated() {
        String json = json(valid);
        return json.substring(0, random.nextInt(json.length()));
    }

    private String wrongType() {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        String field = pick();
        Object[] values = {123, -1, 1.5e308, true, false, null, List.of(1, 2), Map.of("x", 1), List.of(), Map.of()};
        body.put(field, values[random.nextInt(values.length)]);
        return json(body);
    }

    private String missingField() {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        body.remove(pick());
        return json(body);
    }

    private String unknownField() {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        String[] names = {"role", "roles", "is_admin", "__proto__", "constructor", "id", "x".repeat(300)};
        body.put(names[random.nextInt(names.length)], "super_admin");
        return json(body);
    }

    private String hugeString() {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        int[] sizes = {129, 1_000, 70_000, 900_000, largestString};
        body.put(pick(), "a".repeat(sizes[random.nextInt(sizes.length)]));
        return json(body);
    }

    private String oddString() {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        String[] odd = {"", " ", "\u0000", "\uD83D\uDE00\uD83D\uDE00", "' OR 1=1 --", "<script>alert(1)</script>",
                "${jndi:ldap://x/a}", "../../etc/passwd", "\r\nX-Injected: 1", "\uFEFFadmin", "ADMIN", "é".repeat(40)};
        body.put(pick(), odd[random.nextInt(odd.length)]);
        return json(body);
    }

    private String randomBytes() {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            out.append((char) (random.nextInt(0x7f - 0x20) + 0x20));
        }
        return out.toString();
    }

    private String nested() {
        int depth = 10 + random.nextInt(2000);
        return "{\"" + pick() + "\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    private String pick() {
        List<String> fields = new ArrayList<>(valid.keySet());
        return fields.isEmpty() ? "field" : fields.get(random.nextInt(fields.size()));
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
