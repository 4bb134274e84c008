-- The schema the migrations build in an empty database; see fresh_schema.py.
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE conference (
	id INTEGER NOT NULL, 
	identity VARCHAR NOT NULL, 
	title VARCHAR NOT NULL, 
	acronym VARCHAR NOT NULL, 
	version VARCHAR NOT NULL, 
	time_zone VARCHAR NOT NULL, 
	start_date DATE, 
	end_date DATE, 
	source_format VARCHAR NOT NULL, 
	source_file VARCHAR NOT NULL, 
	imported_at DATETIME NOT NULL, 
	CONSTRAINT pk_conference PRIMARY KEY (id), 
	CONSTRAINT uq_conference_identity UNIQUE (identity)
);
CREATE TABLE setting (
	"key" VARCHAR NOT NULL, 
	value JSON, 
	CONSTRAINT pk_setting PRIMARY KEY ("key")
);
CREATE TABLE email_template (
	id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	subject TEXT NOT NULL, 
	body TEXT NOT NULL, 
	CONSTRAINT pk_email_template PRIMARY KEY (id)
);
CREATE TABLE profile (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	stage VARCHAR NOT NULL, 
	institution VARCHAR NOT NULL, 
	interests JSON NOT NULL, 
	target_institutions JSON NOT NULL, 
	target_fellowships JSON NOT NULL, 
	email VARCHAR NOT NULL, 
	phone VARCHAR NOT NULL, 
	linkedin VARCHAR NOT NULL, 
	x_handle VARCHAR NOT NULL, 
	pitch TEXT NOT NULL, 
	signature TEXT NOT NULL, orcid VARCHAR DEFAULT '' NOT NULL, 
	CONSTRAINT pk_profile PRIMARY KEY (id)
);
CREATE TABLE event (
	id INTEGER NOT NULL, 
	conference_id INTEGER NOT NULL, 
	identity VARCHAR NOT NULL, 
	source_id VARCHAR NOT NULL, 
	title VARCHAR NOT NULL, 
	subtitle VARCHAR NOT NULL, 
	track VARCHAR NOT NULL, 
	type VARCHAR NOT NULL, 
	room VARCHAR NOT NULL, 
	language VARCHAR NOT NULL, 
	start DATETIME NOT NULL, 
	"end" DATETIME NOT NULL, 
	day_index INTEGER NOT NULL, 
	cancelled BOOLEAN NOT NULL, 
	links JSON NOT NULL, 
	abstract TEXT NOT NULL, 
	description TEXT NOT NULL, 
	CONSTRAINT pk_event PRIMARY KEY (id), 
	CONSTRAINT fk_event_conference_id_conference FOREIGN KEY(conference_id) REFERENCES conference (id) ON DELETE CASCADE, 
	CONSTRAINT uq_event_conference_id_identity UNIQUE (conference_id, identity)
);
CREATE INDEX ix_event_conference_start ON event (conference_id, start);
CREATE TABLE goal (
	id INTEGER NOT NULL, 
	conference_id INTEGER, 
	kind VARCHAR NOT NULL, 
	title VARCHAR NOT NULL, 
	target_count INTEGER NOT NULL, 
	keywords JSON NOT NULL, 
	institutions JSON NOT NULL, 
	roles JSON NOT NULL, 
	deadline DATE, 
	status VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_goal PRIMARY KEY (id), 
	CONSTRAINT fk_goal_conference_id_conference FOREIGN KEY(conference_id) REFERENCES conference (id) ON DELETE SET NULL
);
CREATE INDEX ix_goal_conference_id ON goal (conference_id);
CREATE TABLE personal_item (
	id INTEGER NOT NULL, 
	conference_id INTEGER NOT NULL, 
	title VARCHAR NOT NULL, 
	start DATETIME NOT NULL, 
	"end" DATETIME NOT NULL, 
	location VARCHAR NOT NULL, 
	notes TEXT NOT NULL, 
	CONSTRAINT pk_personal_item PRIMARY KEY (id), 
	CONSTRAINT fk_personal_item_conference_id_conference FOREIGN KEY(conference_id) REFERENCES conference (id) ON DELETE CASCADE
);
CREATE INDEX ix_personal_item_conference_id ON personal_item (conference_id);
CREATE TABLE speaker (
	id INTEGER NOT NULL, 
	conference_id INTEGER NOT NULL, 
	identity VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	affiliation VARCHAR NOT NULL, 
	role VARCHAR NOT NULL, 
	biography TEXT NOT NULL, 
	CONSTRAINT pk_speaker PRIMARY KEY (id), 
	CONSTRAINT fk_speaker_conference_id_conference FOREIGN KEY(conference_id) REFERENCES conference (id) ON DELETE CASCADE, 
	CONSTRAINT uq_speaker_conference_id_identity UNIQUE (conference_id, identity)
);
CREATE TABLE event_note (
	event_id INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_event_note PRIMARY KEY (event_id), 
	CONSTRAINT fk_event_note_event_id_event FOREIGN KEY(event_id) REFERENCES event (id) ON DELETE CASCADE
);
CREATE TABLE event_speaker (
	event_id INTEGER NOT NULL, 
	speaker_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	CONSTRAINT pk_event_speaker PRIMARY KEY (event_id, speaker_id), 
	CONSTRAINT fk_event_speaker_event_id_event FOREIGN KEY(event_id) REFERENCES event (id) ON DELETE CASCADE, 
	CONSTRAINT fk_event_speaker_speaker_id_speaker FOREIGN KEY(speaker_id) REFERENCES speaker (id) ON DELETE CASCADE
);
CREATE INDEX ix_event_speaker_speaker_id ON event_speaker (speaker_id);
CREATE TABLE goal_event (
	goal_id INTEGER NOT NULL, 
	event_id INTEGER NOT NULL, 
	CONSTRAINT pk_goal_event PRIMARY KEY (goal_id, event_id), 
	CONSTRAINT fk_goal_event_event_id_event FOREIGN KEY(event_id) REFERENCES event (id) ON DELETE CASCADE, 
	CONSTRAINT fk_goal_event_goal_id_goal FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE
);
CREATE TABLE pick (
	event_id INTEGER NOT NULL, 
	priority VARCHAR NOT NULL, 
	attended BOOLEAN NOT NULL, 
	picked_at DATETIME NOT NULL, 
	CONSTRAINT pk_pick PRIMARY KEY (event_id), 
	CONSTRAINT fk_pick_event_id_event FOREIGN KEY(event_id) REFERENCES event (id) ON DELETE CASCADE
);
CREATE TABLE target (
	id INTEGER NOT NULL, 
	speaker_id INTEGER NOT NULL, 
	goal_id INTEGER, 
	event_id INTEGER, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_target PRIMARY KEY (id), 
	CONSTRAINT fk_target_event_id_event FOREIGN KEY(event_id) REFERENCES event (id) ON DELETE SET NULL, 
	CONSTRAINT fk_target_goal_id_goal FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE, 
	CONSTRAINT fk_target_speaker_id_speaker FOREIGN KEY(speaker_id) REFERENCES speaker (id) ON DELETE CASCADE, 
	CONSTRAINT uq_target_speaker_id_goal_id UNIQUE (speaker_id, goal_id)
);
CREATE INDEX ix_target_goal_id ON target (goal_id);
CREATE INDEX ix_target_speaker_id ON target (speaker_id);
CREATE TABLE conversation (
	id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	conference_id INTEGER, 
	event_id INTEGER, 
	met_at DATETIME NOT NULL, 
	place VARCHAR NOT NULL, 
	points TEXT NOT NULL, 
	promises TEXT NOT NULL, poster VARCHAR DEFAULT '' NOT NULL, their_promises TEXT DEFAULT '' NOT NULL, 
	CONSTRAINT pk_conversation PRIMARY KEY (id), 
	CONSTRAINT fk_conversation_conference_id_conference FOREIGN KEY(conference_id) REFERENCES conference (id) ON DELETE SET NULL, 
	CONSTRAINT fk_conversation_contact_id_contact FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	CONSTRAINT fk_conversation_event_id_event FOREIGN KEY(event_id) REFERENCES event (id) ON DELETE SET NULL
);
CREATE INDEX ix_conversation_contact_id ON conversation (contact_id);
CREATE TABLE goal_contact (
	goal_id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	CONSTRAINT pk_goal_contact PRIMARY KEY (goal_id, contact_id), 
	CONSTRAINT fk_goal_contact_contact_id_contact FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	CONSTRAINT fk_goal_contact_goal_id_goal FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE
);
CREATE TABLE follow_up (
	id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	conversation_id INTEGER, 
	kind VARCHAR NOT NULL, 
	due DATE NOT NULL, 
	status VARCHAR NOT NULL, 
	done_at DATETIME, 
	CONSTRAINT pk_follow_up PRIMARY KEY (id), 
	CONSTRAINT fk_follow_up_contact_id_contact FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	CONSTRAINT fk_follow_up_conversation_id_conversation FOREIGN KEY(conversation_id) REFERENCES conversation (id) ON DELETE SET NULL
);
CREATE INDEX ix_follow_up_contact_id ON follow_up (contact_id);
CREATE TABLE outgoing_message (
	id INTEGER NOT NULL, 
	message_id VARCHAR NOT NULL, 
	contact_id INTEGER, 
	speaker_id INTEGER, 
	follow_up_id INTEGER, 
	kind VARCHAR NOT NULL, 
	recipient VARCHAR NOT NULL, 
	subject TEXT NOT NULL, 
	body TEXT NOT NULL, 
	state VARCHAR NOT NULL, 
	eml_path VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	sent_at DATETIME, task_id VARCHAR, state_changed_at DATETIME, 
	CONSTRAINT pk_outgoing_message PRIMARY KEY (id), 
	CONSTRAINT fk_outgoing_message_contact_id_contact FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE SET NULL, 
	CONSTRAINT fk_outgoing_message_follow_up_id_follow_up FOREIGN KEY(follow_up_id) REFERENCES follow_up (id) ON DELETE SET NULL, 
	CONSTRAINT fk_outgoing_message_speaker_id_speaker FOREIGN KEY(speaker_id) REFERENCES speaker (id) ON DELETE SET NULL, 
	CONSTRAINT uq_outgoing_message_message_id UNIQUE (message_id)
);
CREATE INDEX ix_outgoing_message_contact_id ON outgoing_message (contact_id);
CREATE TABLE contact_detail (
	id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	match_key VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	CONSTRAINT pk_contact_detail PRIMARY KEY (id), 
	CONSTRAINT fk_contact_detail_contact_id_contact FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE INDEX ix_contact_detail_contact_id ON contact_detail (contact_id);
CREATE INDEX ix_contact_detail_kind_match_key ON contact_detail (kind, match_key);
CREATE TABLE contact_distinct (
	first_id INTEGER NOT NULL, 
	second_id INTEGER NOT NULL, 
	CONSTRAINT pk_contact_distinct PRIMARY KEY (first_id, second_id), 
	CONSTRAINT fk_contact_distinct_first_id_contact FOREIGN KEY(first_id) REFERENCES contact (id) ON DELETE CASCADE, 
	CONSTRAINT fk_contact_distinct_second_id_contact FOREIGN KEY(second_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE contact_merge (
	id INTEGER NOT NULL, 
	kept_id INTEGER NOT NULL, 
	merged_id INTEGER NOT NULL, 
	record JSON NOT NULL, 
	merged_at DATETIME NOT NULL, 
	undone_at DATETIME, 
	CONSTRAINT pk_contact_merge PRIMARY KEY (id), 
	CONSTRAINT fk_contact_merge_kept_id_contact FOREIGN KEY(kept_id) REFERENCES contact (id) ON DELETE CASCADE, 
	CONSTRAINT fk_contact_merge_merged_id_contact FOREIGN KEY(merged_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE INDEX ix_contact_merge_kept_id ON contact_merge (kept_id);
CREATE INDEX ix_contact_merge_merged_id ON contact_merge (merged_id);
CREATE TABLE contact_speaker (
	speaker_id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	CONSTRAINT pk_contact_speaker PRIMARY KEY (speaker_id), 
	CONSTRAINT fk_contact_speaker_contact_id_contact FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	CONSTRAINT fk_contact_speaker_speaker_id_speaker FOREIGN KEY(speaker_id) REFERENCES speaker (id) ON DELETE CASCADE
);
CREATE INDEX ix_contact_speaker_contact_id ON contact_speaker (contact_id);
CREATE TABLE "contact" (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	institution VARCHAR NOT NULL, 
	position VARCHAR NOT NULL, 
	relationship_role VARCHAR NOT NULL, 
	vcard TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	specialty VARCHAR DEFAULT '' NOT NULL, 
	direction VARCHAR DEFAULT '' NOT NULL, 
	obtained VARCHAR DEFAULT 'typed' NOT NULL, 
	orcid VARCHAR DEFAULT '' NOT NULL, 
	note TEXT DEFAULT '' NOT NULL, 
	merged_into_id INTEGER, 
	photo BLOB, keep_in_touch_months INTEGER, address_title VARCHAR DEFAULT '' NOT NULL, 
	CONSTRAINT pk_contact PRIMARY KEY (id), 
	CONSTRAINT fk_contact_merged_into_id_contact FOREIGN KEY(merged_into_id) REFERENCES contact (id) ON DELETE SET NULL
);
CREATE INDEX ix_contact_merged_into_id ON contact (merged_into_id);
CREATE INDEX ix_contact_orcid ON contact (orcid);
CREATE TABLE reply (
	id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	received_on DATE NOT NULL, 
	asks BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_reply PRIMARY KEY (id), 
	CONSTRAINT fk_reply_contact_id_contact FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE INDEX ix_reply_contact_id ON reply (contact_id);
CREATE TABLE task_decision (
	task_id VARCHAR NOT NULL, 
	status VARCHAR NOT NULL, 
	until DATE, 
	decided_on DATE NOT NULL, 
	decided_at DATETIME NOT NULL, 
	CONSTRAINT pk_task_decision PRIMARY KEY (task_id)
);
CREATE INDEX ix_outgoing_message_task_id ON outgoing_message (task_id);
CREATE VIRTUAL TABLE event_fts USING fts5(title, subtitle, abstract, track, type, room, speakers, affiliations, biographies, tokenize = 'unicode61 remove_diacritics 2', content = '', prefix = '1 2');
CREATE VIRTUAL TABLE speaker_fts USING fts5(name, affiliation, role, biography, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');
INSERT INTO "event_fts" ("event_fts", rank) VALUES ('hashsize', 67108864);
INSERT INTO "speaker_fts" ("speaker_fts", rank) VALUES ('hashsize', 67108864);
INSERT INTO "alembic_version" ("version_num") VALUES ('0005');
