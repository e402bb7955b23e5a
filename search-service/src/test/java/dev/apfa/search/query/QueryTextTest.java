package dev.apfa.search.query;

import co.elastic.clients.elasticsearch._types.FieldValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.ErrorResponseException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"*alice", "login | ?x", "/ali.*/", "alice~2", "\"a b\"~3", "a (*b)", "x -*y"})
    void refusesExpensiveSyntax(String q) {
        assertThatThrownBy(() -> QueryText.check(q)).isInstanceOf(ErrorResponseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "login*", "\"role changed\" + admin", "alice | bob -carol", "u-bob"})
    void acceptsSimpleQueries(String q) {
        assertThat(QueryText.check(q)).isEqualTo(q);
    }

    @Test
    void refusesVeryLongText() {
        assertThatThrownBy(() -> QueryText.check("a".repeat(300))).isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void pageTokenRoundTripsAndRejectsForgeries() {
        List<FieldValue> position = List.of(FieldValue.of(1_795_890_608_810L), FieldValue.of("e-06"));
        List<FieldValue> decoded = PageToken.decode(PageToken.encode(position), 2);
        assertThat(decoded.get(0).longValue()).isEqualTo(1_795_890_608_810L);
        assertThat(decoded.get(1).stringValue()).isEqualTo("e-06");
        assertThatThrownBy(() -> PageToken.decode("bm90IGpzb24", 2)).isInstanceOf(ErrorResponseException.class);
        assertThatThrownBy(() -> PageToken.decode(PageToken.encode(List.of(FieldValue.of(1L))), 2))
                .isInstanceOf(ErrorResponseException.class);
    }
}
