package dev.apfa.audit.chain;

import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL's COPY text format (tab-separated columns, {@code \N} for null, one row per
 * line; a backslash, tab, newline or carriage return inside a value is escaped), for
 * {@code COPY … FROM STDIN} through PgJDBC's {@code CopyManager}.
 */
final class CopyRows {

    private final StringBuilder text = new StringBuilder(16 * 1024);
    private boolean rowStarted;
    private int rows;

    CopyRows value(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        int plain = 0;
        while (plain < value.length() && !special(value.charAt(plain))) {
            plain++;
        }
        if (plain == value.length()) {
            text.append(value); // most values have nothing to escape: one copy
            return this;
        }
        text.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    CopyRows value(long value) {
        separate();
        text.append(value);
        return this;
    }

    void endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
    }

    int rows() {
        return rows;
    }

    /** The rows in UTF-8, PgJDBC's client encoding. */
    byte[] utf8() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }
}
