package dev.apfa.support;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether the class is still there is checked where it is on the class path (gateway's GatewayIT). */
class LeftOutAutoConfigurationsTest {

    @Test
    void leavesOutOnlyItsListAndIsRegistered() {
        String lettuce = LeftOutAutoConfigurations.LEFT_OUT.iterator().next();
        String redis = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration";

        assertThat(new LeftOutAutoConfigurations().match(new String[] {lettuce, redis, null}, null))
                .containsExactly(false, true, true);
        assertThat(SpringFactoriesLoader.loadFactories(AutoConfigurationImportFilter.class, null))
                .anyMatch(LeftOutAutoConfigurations.class::isInstance);
    }
}
