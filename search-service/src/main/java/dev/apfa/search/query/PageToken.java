package dev.apfa.search.query;

import co.elastic.clients.elasticsearch._types.FieldValue;
import dev.apfa.search.web.Problems;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The {@code search_after} position of a page as an opaque URL-safe token (the sort values of the
 * page's last hit), so deep paging never uses {@code from} and callers cannot depend on its form.
 */
public final class PageToken {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_LENGTH = 1024;

    private PageToken() {
    }

    public static String encode(List<FieldValue> sortValues) {
        List<Object> plain = new ArrayList<>();
        for (FieldValue value : sortValues) {
            plain.add(value._get());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(plain));
    }

    public static List<FieldValue> decode(String token, int expectedSize) {
        if (token == null || token.isBlank()) {
            return List.of();
        }
        try {
            if (token.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            JsonNode array = JSON.readTree(Base64.getUrlDecoder().decode(token));
            if (!array.isArray() || array.size() != expectedSize) {
                throw new IllegalArgumentException("wrong shape");
            }
            List<FieldValue> values = new ArrayList<>();
            for (JsonNode node : array) {
                if (node.isIntegralNumber()) {
                    values.add(FieldValue.of(node.asLong()));
                } else if (node.isNumber()) {
                    values.add(FieldValue.of(node.asDouble()));
                } else if (node.isString()) {
                    values.add(FieldValue.of(node.asString()));
                } else {
                    throw new IllegalArgumentException("unexpected value");
                }
            }
            return values;
        } catch (IllegalArgumentException | JacksonException e) {
            throw Problems.badRequest("search_after is not a token returned by this API");
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
