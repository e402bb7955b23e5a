package dev.apfa.audit.chain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CopyRowsTest {

    @Test
    void columnsAreTabSeparatedRowsEndWithANewlineAndNullIsBackslashN() {
        CopyRows rows = new CopyRows();
        rows.value("a").value((String) null).value(42).endRow();
        rows.value("b").value("").value(-1).endRow();

        assertThat(new String(rows.utf8(), StandardCharsets.UTF_8)).isEqualTo("a\t\\N\t42\nb\t\t-1\n");
        assertThat(rows.rows()).isEqualTo(2);
    }

    @Test
    void backslashTabNewlineAndCarriageReturnAreEscapedAndTheRestIsKept() {
        CopyRows rows = new CopyRows();
        rows.value("x\\N\ty\nz\r\\. \u00e9 \ud83d\ude00").endRow();

        assertThat(new String(rows.utf8(), StandardCharsets.UTF_8))
                .isEqualTo("x\\\\N\\ty\\nz\\r\\\\. \u00e9 \ud83d\ude00\n");
    }
}
