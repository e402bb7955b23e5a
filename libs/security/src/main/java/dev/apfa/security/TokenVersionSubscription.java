package dev.apfa.security;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import java.time.Duration;

/**
 * Keeps {@link TokenVersionView} subscribed to auth-service's announcements of raised token versions, on a pub/sub
 * connection of its own. The view opens when Redis confirms the subscription and closes the moment the connection
 * drops; Lettuce reconnects and subscribes again by itself, which opens a fresh view. Until the first connection
 * succeeds it is retried every {@link #RETRY}; meanwhile the view stays closed and every request asks Redis, as with
 * any other Redis outage (fail closed).
 */
public class TokenVersionSubscription implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TokenVersionSubscription.class);
    static final Duration RETRY = Duration.ofSeconds(2);

    private final LettuceConnectionFactory redis;
    private final TokenVersionView view;
    private volatile StatefulRedisPubSubConnection<String, String> connection;
    private volatile Disposable connecting;
    private volatile boolean running;

    public TokenVersionSubscription(LettuceConnectionFactory redis, TokenVersionView view) {
        this.redis = redis;
        this.view = view;
    }

    @Override
    public void start() {
        running = true;
        connecting = Mono.fromRunnable(this::connect).subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, RETRY)
                        .doBeforeRetry(signal -> {
                            if (signal.totalRetries() == 0) {
                                log.warn("Token version announcements unavailable, every request asks Redis until they are: {}",
                                        signal.failure().toString());
                            }
                        }))
                .subscribe();
    }

    private void connect() {
        if (!(redis.getRequiredNativeClient() instanceof RedisClient client)) {
            log.warn("Token version announcements need a standalone Redis client; every request asks Redis");
            return;
        }
        StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void subscribed(String channel, long count) {
                view.open();
            }

            @Override
            public void message(String channel, String message) {
                TokenVersions.Raised raised = TokenVersions.Raised.parse(message);
                if (raised != null) {
                    view.raised(raised.userId(), raised.version());
                }
            }
        });
        pubSub.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                view.close();
            }
        });
        try {
            pubSub.sync().subscribe(TokenVersions.CHANNEL);
        } catch (RuntimeException e) {
            pubSub.close();
            throw e;
        }
        connection = pubSub;
    }

    @Override
    public void stop() {
        running = false;
        Disposable pending = connecting;
        if (pending != null) {
            pending.dispose();
        }
        view.close();
        StatefulRedisPubSubConnection<String, String> open = connection;
        if (open != null) {
            open.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
