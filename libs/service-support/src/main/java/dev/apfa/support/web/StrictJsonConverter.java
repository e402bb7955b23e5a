package dev.apfa.support.web;

import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP JSON converter with unknown fields rejected (400). Only request bodies are strict: the
 * shared {@link JsonMapper} stays lenient because Kafka consumers read events with it, and those
 * are checked against their JSON Schema instead. A misspelt field in a request is a client bug that
 * should not be silently ignored (e.g. {@code "loan_ammount"} quietly becoming "no loan amount").
 */
public class StrictJsonConverter extends JacksonJsonHttpMessageConverter {

    public StrictJsonConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    protected ObjectReader customizeReader(ObjectReader reader, JavaType javaType) {
        return super.customizeReader(reader, javaType)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
