package io.integr8s.api.stream;

import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.PodDeleted;
import io.integr8s.command.execution.api.Priority;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSE id scheme: one id per message, {@code sequence * IDS_PER_EVENT + index}, and how a Last-Event-ID is read. */
class SseEventMapperTest {

    private static final String EXECUTION = "exec-1";
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static ExecutionEventEnvelope event(long sequence, Object payload) {
        return new ExecutionEventEnvelope(EXECUTION, sequence, "event-" + sequence, AT, payload);
    }

    private static List<ExecutionEventEnvelope> story() {
        return List.of(
                event(0, new ExecutionRequested(EXECUTION, "owner", "print(1)", "python", "3.11", Priority.NORMAL, 5,
                        null, null, AT)),
                event(1, new PodCreated(EXECUTION, "owner", "pod")),
                event(2, new ExecutionStarted(EXECUTION, "owner")),
                event(3, new ExecutionCompleted(EXECUTION, "owner",
                        new ExecutionResult(0, "1\n", "", false, false, null, null, null))),
                event(4, new PodDeleted(EXECUTION, "owner")));
    }

    private static List<StreamedEvent> mapAll(List<ExecutionEventEnvelope> events) {
        ExecutionStory story = new ExecutionStory(EXECUTION);
        List<StreamedEvent> messages = new ArrayList<>();
        for (ExecutionEventEnvelope event : events) {
            story.apply(event);
            messages.addAll(SseEventMapper.map(event, story));
        }
        return messages;
    }

    @Test
    void everyMessageOfAnEventHasItsOwnIdFromTheSequenceAndItsPlace() {
        List<StreamedEvent> messages = mapAll(story());

        assertThat(messages).extracting(message -> message.event().eventType() + "#" + message.id()).containsExactly(
                "execution_requested#0", "execution_queued#1", "pod_created#10", "execution_started#20",
                "execution_running#21", "execution_completed#30", "result_stored#31", "pod_deleted#40");
    }

    @Test
    void idsAreStrictlyIncreasingAndTheSameWhenMappedAgain() {
        List<Long> ids = mapAll(story()).stream().map(StreamedEvent::id).toList();

        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(mapAll(story()).stream().map(StreamedEvent::id).toList()).as("a replay or rebuild").isEqualTo(ids);
    }

    @Test
    void noEventGivesMoreMessagesThanItsIdsHaveRoomFor() {
        assertThat(LifecycleNames.mostPerEvent()).isGreaterThan(1).isLessThan(SseEventMapper.IDS_PER_EVENT);
        assertThat(SseEventMapper.idOf(7, SseEventMapper.IDS_PER_EVENT - 1)).isLessThan(SseEventMapper.idOf(8, 0));
    }

    @Test
    void anIdOverflowingALongIsRefusedRatherThanWrapped() {
        assertThatThrownBy(() -> SseEventMapper.idOf(Long.MAX_VALUE / 5, 0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void theStatusMessageHasNoId() {
        assertThat(SseEventMapper.status(EXECUTION, ExecutionStory.of(EXECUTION, story())).id()).isNull();
    }

    @Test
    void aLastEventIdIsADecimalIdAndAnythingElseMeansNothingSeen() {
        assertThat(SseEventMapper.parseLastEventId("31")).isEqualTo(31);
        assertThat(SseEventMapper.parseLastEventId(" 21 ")).isEqualTo(21);
        assertThat(SseEventMapper.parseLastEventId("0")).isZero();
        for (String malformed : new String[]{null, "", "  ", "abc", "3.1", "1e3", "0x1f", "-7",
                "99999999999999999999999", "31;drop", "\u0000"}) {
            assertThat(SseEventMapper.parseLastEventId(malformed)).as("'%s'", malformed)
                    .isEqualTo(SseEventMapper.NONE_SEEN);
        }
    }
}
