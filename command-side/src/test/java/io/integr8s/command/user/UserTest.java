package io.integr8s.command.user;

import io.integr8s.command.user.api.ChangePassword;
import io.integr8s.command.user.api.ChangeUserRole;
import io.integr8s.command.user.api.DeleteUser;
import io.integr8s.command.user.api.PasswordChanged;
import io.integr8s.command.user.api.RegisterUser;
import io.integr8s.command.user.api.UpdateUserProfile;
import io.integr8s.command.user.api.UserDeleted;
import io.integr8s.command.user.api.UserProfileUpdated;
import io.integr8s.command.user.api.UserRegistered;
import io.integr8s.command.user.api.UserRole;
import io.integr8s.command.user.api.UserRoleChanged;
import io.integr8s.command.user.api.UserRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class UserTest {

    private static final UserRegistered ALICE = new UserRegistered("u1", "alice", "alice@example.org", "hash-1",
            UserRole.USER, true, "u1");

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void registeringRecordsTheAccountAndWhoCreatedIt() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser("u1", "alice", "alice@example.org", "hash-1", null, true, "u1"))
                .expectEvents(ALICE);
    }

    @Test
    void registeringWithoutAPasswordIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser("u1", "alice", "alice@example.org", " ", UserRole.USER, true, "u1"))
                .expectException(UserRuleViolation.class).expectNoEvents();
    }

    @Test
    void profileUpdateNamesOnlyTheFieldsThatChanged() {
        fixture.given(ALICE)
                .when(new UpdateUserProfile("u1", "alice", "new@example.org", false, "admin-1"))
                .expectEvents(new UserProfileUpdated("u1", "alice", "new@example.org", false,
                        List.of("email", "is_active"), "admin-1"));
    }

    @Test
    void profileUpdateWithoutChangeRecordsNothing() {
        fixture.given(ALICE).when(new UpdateUserProfile("u1", "alice", null, true, "u1")).expectNoEvents();
    }

    @Test
    void blankUsernameIsRefused() {
        fixture.given(ALICE).when(new UpdateUserProfile("u1", "  ", null, null, "u1"))
                .expectException(UserRuleViolation.class).expectNoEvents();
    }

    @Test
    void roleChangeRecordsBothRolesAndTheActor() {
        fixture.given(ALICE).when(new ChangeUserRole("u1", UserRole.ADMIN, "admin-1"))
                .expectEvents(new UserRoleChanged("u1", UserRole.USER, UserRole.ADMIN, "admin-1"));
    }

    @Test
    void sameRoleRecordsNothing() {
        fixture.given(ALICE).when(new ChangeUserRole("u1", UserRole.USER, "admin-1")).expectNoEvents();
    }

    @Test
    void passwordChangeIsRecordedWithItsActor() {
        fixture.given(ALICE).when(new ChangePassword("u1", "hash-2", "admin-1"))
                .expectEvents(new PasswordChanged("u1", "hash-2", "admin-1"));
    }

    @Test
    void deletedUserCannotBeChangedAgain() {
        fixture.given(ALICE, new UserDeleted("u1", "alice", "admin-1", "left", true))
                .when(new ChangePassword("u1", "hash-2", "admin-1"))
                .expectException(UserRuleViolation.class).expectNoEvents();
    }

    @Test
    void deletingRecordsWhoAndWhy() {
        fixture.given(ALICE).when(new DeleteUser("u1", "admin-1", "left the team", false))
                .expectEvents(new UserDeleted("u1", "alice", "admin-1", "left the team", false));
    }
}
