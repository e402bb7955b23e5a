package dev.apfa.search.audit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditExportTest {

    @Test
    void csvCellsAreQuotedAndFormulasDefused() {
        assertThat(AuditExport.cell("plain")).isEqualTo("plain");
        assertThat(AuditExport.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditExport.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(AuditExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditExport.cell(List.of("user", "admin"))).isEqualTo("user;admin");
        assertThat(AuditExport.cell(null)).isEmpty();
    }

    @Test
    void nestedAndDottedFieldsAreFound() {
        Map<String, Object> doc = Map.of("@timestamp", "t", "user", Map.of("name", "casey"));
        assertThat(AuditExport.value(doc, "@timestamp")).isEqualTo("t");
        assertThat(AuditExport.value(doc, "user.name")).isEqualTo("casey");
        assertThat(AuditExport.value(doc, "source.ip")).isNull();
    }
}
