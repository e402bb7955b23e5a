package dev.apfa.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoleAndVersionTest {

    @Test
    void rolesAreOrderedAndNamedAsOnTheWire() {
        assertThat(Role.SUPER_ADMIN.atLeast(Role.ADMIN)).isTrue();
        assertThat(Role.FINANCIAL_ADVISOR.atLeast(Role.ADMIN)).isFalse();
        assertThat(Role.fromWireName("financial_advisor")).contains(Role.FINANCIAL_ADVISOR);
        assertThat(Role.fromWireName("ADMIN")).isEmpty();
        assertThat(Role.ADMIN.authority()).isEqualTo("ROLE_ADMIN");
    }

    @Test
    void hierarchyGivesHigherRolesTheLowerOnes() {
        var reachable = ApfaJwt.roleHierarchy().getReachableGrantedAuthorities(
                java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMIN")));
        assertThat(reachable).extracting(Object::toString)
                .contains("ROLE_ADMIN", "ROLE_FINANCIAL_ADVISOR", "ROLE_USER").doesNotContain("ROLE_SUPER_ADMIN");
    }

    @Test
    void aTokenOlderThanTheStoredVersionIsRevoked() {
        assertThat(TokenVersions.isRevoked(0L, TokenVersions.parse(null))).isFalse();
        assertThat(TokenVersions.isRevoked(2L, TokenVersions.parse("2"))).isFalse();
        assertThat(TokenVersions.isRevoked(1L, TokenVersions.parse("2"))).isTrue();
        assertThat(TokenVersions.isRevoked((Long) null, TokenVersions.parse("1"))).isTrue();
        assertThat(TokenVersions.isRevoked(1L, TokenVersions.parse("garbage"))).isFalse();
        assertThat(TokenVersions.key("u-1")).isEqualTo("apfa:auth:token-version:u-1");
        assertThat(TokenVersions.isRevoked((Long) null, TokenVersions.NONE)).isFalse();
        assertThat(TokenVersions.isRevoked(4L, 5L)).isTrue();
    }

    @Test
    void announcementsReadBackAndAnythingElseIsNotOne() {
        assertThat(TokenVersions.Raised.parse(TokenVersions.announcement("u-1", 7)))
                .isEqualTo(new TokenVersions.Raised("u-1", 7));
        assertThat(TokenVersions.Raised.parse("u-1")).isNull();
        assertThat(TokenVersions.Raised.parse(" 7")).isNull();
        assertThat(TokenVersions.Raised.parse("u-1 seven")).isNull();
    }
}
