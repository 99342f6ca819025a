package dev.loupe.server.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.server.ApiException;
import dev.loupe.server.persistence.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may read what: personal folders are private, grants share them, admin mode reaches everything. */
class LibraryAccessTest {
    private static final LibraryCaller ALICE = new LibraryCaller("00000000000000A1", "alice", false, Set.of(), false);
    private static final LibraryCaller BOB = new LibraryCaller("00000000000000B0", "bob", false, Set.of("USER"),
            false);
    private static final LibraryCaller ADMIN = new LibraryCaller("00000000000000AD", "admin", true,
            Set.of("ADMINISTRATOR"), false);

    @TempDir
    Path dataDirectory;
    Database database;
    ContentLibrary library;
    ContentTransfer transfer;

    @BeforeEach
    void open() {
        database = Database.open(dataDirectory);
        library = new ContentLibrary(new ContentRepository(database), Clock.systemUTC());
        transfer = new ContentTransfer(library);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static int status(Runnable action) {
        try {
            action.run();
            return 200;
        } catch (ApiException exception) {
            return exception.status();
        }
    }

    @Test
    void oneUserCannotReadAnothersPersonalFolder() {
        ContentId alicePersonal = ContentId.parse(library.personalFolder(ALICE).id());
        ContentId app = transfer.importDefinition(ALICE, alicePersonal, SyncDefinitions.parse(RequestSequence.app()),
                false);
        assertThat(status(() -> library.folder(BOB, alicePersonal))).isEqualTo(403);
        assertThat(status(() -> transfer.export(BOB, app))).isEqualTo(403);
        assertThat(status(() -> transfer.checkDelete(BOB, app))).isEqualTo(403);
        assertThat(status(() -> library.folder(BOB.withAdminMode(true), alicePersonal))).isEqualTo(403);
        assertThat(status(() -> library.folder(ADMIN, alicePersonal))).isEqualTo(403);
        assertThat(library.folder(ADMIN.withAdminMode(true), alicePersonal).children()).hasSize(1);
        assertThat(transfer.export(ADMIN.withAdminMode(true), app)).isEqualTo(RequestSequence.app());
        assertThat(library.folder(ALICE, alicePersonal).permissions()).hasSize(6);
    }

    @Test
    void grantsShareContentWithUsersAndRoles() {
        ContentId alicePersonal = ContentId.parse(library.personalFolder(ALICE).id());
        ContentId shared = ContentId.parse(library.createFolder(ALICE, "Shared", "", alicePersonal).id());
        library.changePermissions(ALICE, shared, List.of(new PermissionGrant(shared, Permission.View,
                PermissionGrant.SubjectType.role, "USER")), true);
        assertThat(library.folder(BOB, shared).permissions()).containsExactly("View");
        assertThat(status(() -> library.createFolder(BOB, "Mine", "", shared))).isEqualTo(403);
        assertThat(status(() -> library.changePermissions(BOB, shared, List.of(new PermissionGrant(shared,
                Permission.Edit, PermissionGrant.SubjectType.user, BOB.userId())), true))).isEqualTo(403);
        library.changePermissions(ALICE, shared, List.of(new PermissionGrant(shared, Permission.Edit,
                PermissionGrant.SubjectType.user, BOB.userId())), true);
        ContentId child = ContentId.parse(library.createFolder(BOB, "From Bob", "", shared).id());
        assertThat(library.permissions(BOB, child, false).implicitPermissions()).hasSize(2);
        library.changePermissions(ALICE, shared, List.of(new PermissionGrant(shared, Permission.View,
                PermissionGrant.SubjectType.role, "USER")), false);
        assertThat(library.folder(BOB, shared).permissions()).containsExactly("View", "Edit");
        assertThat(library.pathOf(ALICE, child).path()).isEqualTo("/Library/Users/alice/Shared/From Bob");
    }

    @Test
    void globalViewListsWhatOthersShared() {
        ContentId alicePersonal = ContentId.parse(library.personalFolder(ALICE).id());
        library.personalFolder(BOB);
        ContentId shared = ContentId.parse(library.createFolder(ALICE, "Shared", "", alicePersonal).id());
        library.createFolder(ALICE, "Private", "", alicePersonal);
        library.changePermissions(ALICE, shared, List.of(new PermissionGrant(shared, Permission.View,
                PermissionGrant.SubjectType.user, BOB.userId())), true);
        assertThat(library.globalFolder(BOB).data()).extracting(ContentViews.Content::name)
                .contains("Shared", "Admin Recommended").doesNotContain("Private", "Personal");
        assertThat(library.globalFolder(ADMIN.withAdminMode(true)).data()).extracting(ContentViews.Content::name)
                .contains("Personal");
    }

    @Test
    void systemFoldersCannotBeDeletedAndOnlyAdministratorsWriteAdminRecommended() {
        ContentId alicePersonal = ContentId.parse(library.personalFolder(ALICE).id());
        assertThatThrownBy(() -> transfer.checkDelete(ALICE, alicePersonal)).isInstanceOf(ApiException.class)
                .hasMessageContaining("cannot be deleted");
        String recommended = library.globalFolder(ALICE).data().stream()
                .filter(content -> content.name().equals("Admin Recommended")).findFirst().orElseThrow().id();
        ContentId recommendedId = ContentId.parse(recommended);
        assertThat(status(() -> library.createFolder(ALICE, "x", "", recommendedId))).isEqualTo(403);
        library.createFolder(ADMIN, "Team dashboards", "", recommendedId);
        assertThat(library.adminRecommended(ALICE).data()).extracting(ContentViews.Content::name)
                .containsExactly("Team dashboards");
    }
}
