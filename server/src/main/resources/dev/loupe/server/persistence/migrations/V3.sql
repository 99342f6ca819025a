-- V3: the content library. library_content is the tree (one row per folder, dashboard, search...; the
-- definition is the item's ContentSyncDefinition JSON as imported, a folder's without children); deleting a row
-- deletes its subtree. library_permission holds the explicit grants to users and roles.
CREATE TABLE library_content (
    id BIGINT PRIMARY KEY,
    parent_id BIGINT,
    item_type VARCHAR(16) NOT NULL,
    folder_kind VARCHAR(24) NOT NULL,
    name VARCHAR(1024) NOT NULL,
    description CHARACTER LARGE OBJECT NOT NULL,
    owner_id VARCHAR(255) NOT NULL,
    path_name VARCHAR(1024),
    dashboard_id VARCHAR(60) UNIQUE,
    definition CHARACTER LARGE OBJECT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by VARCHAR(255) NOT NULL,
    modified_at BIGINT NOT NULL,
    modified_by VARCHAR(255) NOT NULL,
    CONSTRAINT library_content_parent FOREIGN KEY (parent_id) REFERENCES library_content (id) ON DELETE CASCADE
);
CREATE INDEX library_content_by_parent ON library_content (parent_id);
CREATE INDEX library_content_by_kind ON library_content (folder_kind, owner_id);
CREATE TABLE library_permission (
    content_id BIGINT NOT NULL,
    permission VARCHAR(16) NOT NULL,
    subject_type VARCHAR(8) NOT NULL,
    subject_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (content_id, permission, subject_type, subject_id),
    CONSTRAINT library_permission_content FOREIGN KEY (content_id) REFERENCES library_content (id) ON DELETE CASCADE
);
