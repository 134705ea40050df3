package io.integr8s.api.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayTransitionTest {

    @Test
    void aSessionRunsPausesAndResumesUntilItIsCancelled() {
        assertThat(ReplayTransition.START.from()).containsExactly(ReplayStatus.CREATED);
        assertThat(ReplayTransition.PAUSE.from()).containsExactly(ReplayStatus.RUNNING);
        assertThat(ReplayTransition.RESUME.from()).containsExactly(ReplayStatus.PAUSED);
        assertThat(ReplayTransition.CANCEL.from())
                .containsExactlyInAnyOrder(ReplayStatus.CREATED, ReplayStatus.RUNNING, ReplayStatus.PAUSED);
    }

    @ParameterizedTest
    @EnumSource(ReplayTransition.class)
    void noTransitionLeavesAnEndedSession(ReplayTransition transition) {
        Set<ReplayStatus> ended = EnumSet.of(ReplayStatus.COMPLETED, ReplayStatus.FAILED, ReplayStatus.CANCELLED);
        assertThat(transition.from()).doesNotContainAnyElementsOf(ended);
        assertThat(transition.refusal("s-1", ReplayStatus.COMPLETED))
                .contains("it is completed").contains("create a new session");
    }

    @Test
    void aRefusalNamesTheStateAndWhatWouldBeAccepted() {
        assertThat(ReplayTransition.PAUSE.refusal("s-1", ReplayStatus.CREATED)).isEqualTo(
                "Cannot pause replay session 's-1': it is created, and only a running session can be paused");
    }
}
