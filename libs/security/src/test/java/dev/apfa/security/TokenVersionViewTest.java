package dev.apfa.security;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** When the view may answer for Redis, and every way it must not. */
class TokenVersionViewTest {

    static final long MAX_AGE = 5_000;

    final AtomicLong now = new AtomicLong(1_000_000);
    final TokenVersionView view = new TokenVersionView(MAX_AGE, 3, now::get);

    @Test
    void nothingIsKnownOrRememberedWhileNotSubscribed() {
        TokenVersionView.Read read = view.read("u");
        assertThat(read.known()).isFalse();
        read.remember(2);
        view.raised("u", 3);
        view.open();
        assertThat(view.read("u").known()).as("remembered before the subscription").isFalse();
    }

    @Test
    void aRedisAnswerIsRememberedUntilItIsTooOld() {
        view.open();
        view.read("u").remember(TokenVersions.NONE);
        assertThat(view.read("u").known()).isTrue();
        assertThat(view.read("u").version()).isEqualTo(TokenVersions.NONE);
        now.addAndGet(MAX_AGE);
        assertThat(view.read("u").known()).as("older than max-age").isFalse();
    }

    @Test
    void anAnnouncementRaisesTheVersionAndALateOlderAnswerCannotLowerIt() {
        view.open();
        TokenVersionView.Read before = view.read("u");   // Redis read begun before logout-all
        view.raised("u", 4);                               // logout-all announced meanwhile
        before.remember(3);                                // the old answer arrives late
        assertThat(view.read("u").version()).isEqualTo(4);
        view.raised("u", 5);
        assertThat(view.read("u").version()).isEqualTo(5);
    }

    @Test
    void anAnnouncementForAnUnknownUserIsKeptForTheirNextRequest() {
        view.open();
        TokenVersionView.Read before = view.read("u");
        view.raised("u", 2);
        before.remember(TokenVersions.NONE);
        assertThat(view.read("u").version()).isEqualTo(2);
    }

    @Test
    void losingTheSubscriptionForgetsEverythingAndAnswersBegunBeforeStayOut() {
        view.open();
        view.read("u").remember(1);
        TokenVersionView.Read inFlight = view.read("v");
        view.close();
        assertThat(view.isOpen()).isFalse();
        assertThat(view.read("u").known()).isFalse();
        view.open();
        assertThat(view.read("u").known()).as("a new subscription starts empty").isFalse();
        inFlight.remember(1);
        assertThat(view.read("v").known()).as("an answer begun under the old subscription").isFalse();
    }

    @Test
    void aFullViewStartsOver() {
        view.open();
        for (String user : new String[] {"a", "b", "c"}) {
            view.read(user).remember(1);
        }
        view.read("d").remember(1);
        assertThat(view.read("a").known()).isFalse();
        assertThat(view.read("d").known()).as("the one that found it full").isFalse();
        view.read("d").remember(1);
        assertThat(view.read("d").known()).isTrue();
    }
}
