-- V5: field extraction rules as Sumo's Field Extraction Rules API shows them: an id (a positive 64-bit number,
-- shown as 16 hex digits), whether the rule is in force, and who created and last changed it (user ids; null for
-- rules an app install or the simulator put in).
ALTER TABLE field_extraction_rules ADD COLUMN id BIGINT;
ALTER TABLE field_extraction_rules ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE field_extraction_rules ADD COLUMN created_by VARCHAR(255);
ALTER TABLE field_extraction_rules ADD COLUMN modified_millis BIGINT;
ALTER TABLE field_extraction_rules ADD COLUMN modified_by VARCHAR(255);
UPDATE field_extraction_rules SET id = CAST(RAND() * 4611686018427387904 AS BIGINT), modified_millis = created_millis;
ALTER TABLE field_extraction_rules ALTER COLUMN id SET NOT NULL;
ALTER TABLE field_extraction_rules ALTER COLUMN modified_millis SET NOT NULL;
ALTER TABLE field_extraction_rules ADD CONSTRAINT field_extraction_rules_id UNIQUE (id);
