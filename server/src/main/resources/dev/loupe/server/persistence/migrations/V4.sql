-- V4: field extraction rules (applied at ingest, in order of creation).
CREATE TABLE field_extraction_rules (
    name VARCHAR(200) PRIMARY KEY,
    scope VARCHAR(4096) NOT NULL,
    parse_expression VARCHAR(15000) NOT NULL,
    created_millis BIGINT NOT NULL
);
