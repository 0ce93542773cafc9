-- The PostgreSQL schema of the last release before migrations: its create_all DDL and append-only guard.
CREATE TABLE api_audit_log (
	id SERIAL NOT NULL, 
	recorded_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	conversation_id VARCHAR(100), 
	message_id VARCHAR(100), 
	channel VARCHAR(100) NOT NULL, 
	endpoint VARCHAR(100) NOT NULL, 
	question TEXT NOT NULL, 
	answer TEXT NOT NULL, 
	lang VARCHAR(16), 
	refused BOOLEAN NOT NULL, 
	disclaimer TEXT, 
	citations JSON NOT NULL, 
	figures JSON NOT NULL, 
	composer VARCHAR(32) NOT NULL, 
	model VARCHAR(200), 
	kind VARCHAR(16) DEFAULT 'answer' NOT NULL, 
	needs_review BOOLEAN DEFAULT '0' NOT NULL, 
	detail JSON, 
	prev_hash VARCHAR(64), 
	row_hash VARCHAR(64), 
	PRIMARY KEY (id)
);
CREATE INDEX ix_api_audit_log_recorded_at ON api_audit_log (recorded_at);
CREATE INDEX ix_api_audit_log_message_id ON api_audit_log (message_id);
CREATE INDEX ix_api_audit_log_needs_review ON api_audit_log (needs_review);
CREATE INDEX ix_api_audit_log_conversation_id ON api_audit_log (conversation_id);
CREATE TABLE api_audit_head (
	id SERIAL NOT NULL, 
	last_id INTEGER NOT NULL, 
	last_hash VARCHAR(64) NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE api_feedback (
	id SERIAL NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	message_id VARCHAR(100) NOT NULL, 
	rating VARCHAR(8) NOT NULL, 
	comment TEXT, 
	channel VARCHAR(100) NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_api_feedback_message_id ON api_feedback (message_id);
CREATE INDEX ix_api_feedback_created_at ON api_feedback (created_at);
CREATE UNIQUE INDEX api_feedback_once ON api_feedback (message_id, channel);
CREATE TABLE api_keys (
	id SERIAL NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	key_hash VARCHAR(64) NOT NULL, 
	hint VARCHAR(16) NOT NULL, 
	scope VARCHAR(16) NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	revoked_at TIMESTAMP WITH TIME ZONE, 
	PRIMARY KEY (id), 
	UNIQUE (name), 
	UNIQUE (key_hash)
);
CREATE TABLE conversations (
	id VARCHAR(100) NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	owner VARCHAR(100), 
	PRIMARY KEY (id)
);
CREATE TABLE conversation_turns (
	id SERIAL NOT NULL, 
	conversation_id VARCHAR(100) NOT NULL, 
	message_id VARCHAR(100) NOT NULL, 
	question TEXT NOT NULL, 
	standalone_question TEXT NOT NULL, 
	answer TEXT NOT NULL, 
	subject TEXT NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(conversation_id) REFERENCES conversations (id), 
	UNIQUE (message_id)
);
CREATE INDEX ix_conversation_turns_conversation_id ON conversation_turns (conversation_id);
INSERT INTO api_audit_head (id, last_id, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE OR REPLACE FUNCTION api_audit_log_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'api_audit_log is append-only'; END; $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS api_audit_log_no_change ON api_audit_log;
CREATE TRIGGER api_audit_log_no_change BEFORE UPDATE OR DELETE ON api_audit_log FOR EACH ROW EXECUTE FUNCTION api_audit_log_append_only();
DROP TRIGGER IF EXISTS api_audit_log_no_truncate ON api_audit_log;
CREATE TRIGGER api_audit_log_no_truncate BEFORE TRUNCATE ON api_audit_log FOR EACH STATEMENT EXECUTE FUNCTION api_audit_log_append_only();
