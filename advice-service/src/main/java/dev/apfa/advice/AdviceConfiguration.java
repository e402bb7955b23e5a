package dev.apfa.advice;

import dev.apfa.advice.bias.BiasChecker;
import dev.apfa.advice.loan.DecisionEngine;
import dev.apfa.advice.pii.DataClassifier;
import dev.apfa.advice.pii.PiiRedactor;
import dev.apfa.advice.events.RequestMetrics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The domain parts (plain classes, no Spring in them) and the request-metrics interceptor. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdviceProperties.class)
class AdviceConfiguration {

    @Bean
    PiiRedactor piiRedactor() {
        return new PiiRedactor();
    }

    @Bean
    DataClassifier dataClassifier() {
        return new DataClassifier();
    }

    @Bean
    DecisionEngine decisionEngine() {
        return new DecisionEngine();
    }

    @Bean
    BiasChecker biasChecker(DecisionEngine decisions) {
        return new BiasChecker(decisions);
    }

    @Bean
    WebMvcConfigurer requestMetricsInterceptor(RequestMetrics metrics) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(metrics).addPathPatterns("/api/**");
            }
        };
    }
}
