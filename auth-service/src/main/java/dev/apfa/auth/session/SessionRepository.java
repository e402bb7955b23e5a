package dev.apfa.auth.session;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

public interface SessionRepository extends JpaRepository<Session, UUID> {

    Optional<Session> findByTokenHash(String tokenHash);

    /** Marks one session rotated; 0 when another request already used it (a race counts as reuse). */
    @Modifying
    @Query("update Session s set s.revokedAt = :now, s.replacedBy = :next where s.id = :id and s.revokedAt is null")
    int markRotated(UUID id, UUID next, Instant now);

    @Modifying
    @Query("update Session s set s.revokedAt = :now where s.familyId = :familyId and s.revokedAt is null")
    int revokeFamily(UUID familyId, Instant now);

    @Modifying
    @Query("update Session s set s.revokedAt = :now where s.userId = :userId and s.revokedAt is null")
    int revokeAllOfUser(UUID userId, Instant now);
}
