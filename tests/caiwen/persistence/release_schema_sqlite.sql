-- The SQLite schema of the last release before migrations (its create_schema and ConversationStore).
CREATE TABLE api_audit_log (
	id INTEGER NOT NULL, 
	recorded_at DATETIME NOT NULL, 
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
	id INTEGER NOT NULL, 
	last_id INTEGER NOT NULL, 
	last_hash VARCHAR(64) NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE api_feedback (
	id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	message_id VARCHAR(100) NOT NULL, 
	rating VARCHAR(8) NOT NULL, 
	comment TEXT, 
	channel VARCHAR(100) NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_api_feedback_created_at ON api_feedback (created_at);
CREATE INDEX ix_api_feedback_message_id ON api_feedback (message_id);
CREATE UNIQUE INDEX api_feedback_once ON api_feedback (message_id, channel);
CREATE TABLE api_keys (
	id INTEGER NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	key_hash VARCHAR(64) NOT NULL, 
	hint VARCHAR(16) NOT NULL, 
	scope VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL, 
	revoked_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (name), 
	UNIQUE (key_hash)
);
CREATE TRIGGER api_audit_log_no_update BEFORE UPDATE ON api_audit_log
       BEGIN SELECT RAISE(ABORT, 'api_audit_log is append-only'); END;
CREATE TRIGGER api_audit_log_no_delete BEFORE DELETE ON api_audit_log
       BEGIN SELECT RAISE(ABORT, 'api_audit_log is append-only'); END;
CREATE TABLE conversations (
	id VARCHAR(100) NOT NULL, 
	created_at DATETIME NOT NULL, 
	owner VARCHAR(100), 
	PRIMARY KEY (id)
);
CREATE TABLE conversation_turns (
	id INTEGER NOT NULL, 
	conversation_id VARCHAR(100) NOT NULL, 
	message_id VARCHAR(100) NOT NULL, 
	question TEXT NOT NULL, 
	standalone_question TEXT NOT NULL, 
	answer TEXT NOT NULL, 
	subject TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(conversation_id) REFERENCES conversations (id), 
	UNIQUE (message_id)
);
CREATE INDEX ix_conversation_turns_conversation_id ON conversation_turns (conversation_id);
