-- V1: users, their access keys, UI sessions.
-- Secrets are never stored: password_hash and key_hash hold bcrypt ("$2b$...") or, for keys imported from
-- access-keys.json, "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>"; sessions hold the SHA-256 of the token.
CREATE TABLE users (
    id VARCHAR(16) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    email VARCHAR(320),
    role VARCHAR(20) NOT NULL,
    password_hash VARCHAR(200),
    created_millis BIGINT NOT NULL,
    CONSTRAINT users_name_unique UNIQUE (name),
    CONSTRAINT users_role_known CHECK (role IN ('ADMINISTRATOR', 'USER'))
);
CREATE TABLE access_keys (
    id VARCHAR(64) PRIMARY KEY,
    user_id VARCHAR(16) NOT NULL,
    label VARCHAR(200) NOT NULL,
    key_hash VARCHAR(300) NOT NULL,
    created_millis BIGINT NOT NULL,
    CONSTRAINT access_keys_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX access_keys_by_user ON access_keys (user_id);
CREATE TABLE sessions (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id VARCHAR(16) NOT NULL,
    csrf_token VARCHAR(64) NOT NULL,
    created_millis BIGINT NOT NULL,
    expires_millis BIGINT NOT NULL,
    CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
