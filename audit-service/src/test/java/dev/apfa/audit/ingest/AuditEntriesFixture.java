package dev.apfa.audit.ingest;

import dev.apfa.audit.chain.AuditEntry;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.audit.v1.AuditEvent;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Just enough of an entry to name the monthly index an event goes to. */
final class AuditEntriesFixture {

    private AuditEntriesFixture() {
    }

    static AuditEntry entryAt(EventEnvelope<AuditEvent> event) {
        return new AuditEntry(UUID.fromString(event.id()), event.type(), event.time().truncatedTo(ChronoUnit.MICROS),
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
