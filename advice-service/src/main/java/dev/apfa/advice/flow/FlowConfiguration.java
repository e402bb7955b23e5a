package dev.apfa.advice.flow;

import dev.apfa.advice.AdviceProperties;
import dev.apfa.advice.bias.BiasChecker;
import dev.apfa.advice.cache.AdviceCache;
import dev.apfa.advice.cache.NearCache;
import dev.apfa.advice.events.AdviceAudit;
import dev.apfa.advice.generation.Generation;
import dev.apfa.advice.history.AdviceHistory;
import dev.apfa.advice.loan.DecisionEngine;
import dev.apfa.advice.pii.DataClassifier;
import dev.apfa.advice.pii.PiiRedactor;
import dev.apfa.advice.retrieval.ActiveIndexVersion;
import dev.apfa.advice.retrieval.Retriever;
import dev.apfa.messaging.TraceContextAccessor;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The flow and its cache. */
@Configuration(proxyBeanMethods = false)
class FlowConfiguration {

    @Bean
    AdviceCache adviceCache(StringRedisTemplate redis, JsonMapper json, AdviceProperties properties, MeterRegistry meters) {
        AdviceProperties.Cache cache = properties.cache();
        return new AdviceCache(redis, json, cache.prefix(), cache.ttl(), cache.enabled(), meters,
                NearCache.of(cache.nearTtl(), cache.nearSize()));
    }

    @Bean
    AdviceFlow adviceFlow(PiiRedactor redactor, DataClassifier classifier, DecisionEngine decisions, BiasChecker bias,
                          AdviceCache cache, ActiveIndexVersion activeIndex, Retriever retriever, Generation generation,
                          AdviceHistory history, AdviceAudit audit, MeterRegistry meters, JsonMapper json,
                          TraceContextAccessor traces, PlatformTransactionManager transactions) {
        return new AdviceFlow(redactor, classifier, decisions, bias, cache, activeIndex, retriever, generation, history,
                audit, new StageTimers(meters), json, traces, new TransactionTemplate(transactions));
    }
}
