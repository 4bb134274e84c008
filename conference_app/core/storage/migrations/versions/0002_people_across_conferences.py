"""people across conferences

One person per human: several emails, phones and web addresses per person, links to the speakers
they are in several programs, merges that can be undone, both sides' promises and a poster number
on a conversation, and an ORCID iD in the profile. Every existing contact, conversation and goal
link is kept; a contact's single email, phone, LinkedIn and X move into `contact_detail`, and its
speaker into `contact_speaker`.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _phone_key(value: str) -> str:
    # The rule of domain.contact_matching.phone_key as it was at this revision, copied here: a
    # migration must not change when the app's code does.
    import phonenumbers

    text = value.strip()
    digits = re.sub(r"\D", "", text)
    if len(digits) < 6:
        return ""
    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else "US")
    except phonenumbers.NumberParseException:
        return digits.lstrip("0")
    if not phonenumbers.is_possible_number(number):
        return digits.lstrip("0")
    key = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164).lstrip("+")
    return f"{key}x{number.extension}" if number.extension else key


def _url_key(url: str) -> str:
    # domain.contact_matching.url_key as it was at this revision.
    text = re.sub(r"^[a-z]+://", "", url.strip().casefold())
    text = re.sub(r"^www\.", "", text)
    return text.split("?", 1)[0].split("#", 1)[0].rstrip("/")


def _url_of(kind: str, value: str) -> str:
    value = value.strip()
    if not value or "://" in value:
        return value
    if kind == "x":
        return f"https://x.com/{value.lstrip('@')}"
    return f"https://{value}" if "." in value else f"https://www.linkedin.com/in/{value}"


def _move_contact_details(connection: sa.engine.Connection) -> None:
    rows = connection.execute(
        sa.text("SELECT id, email, phone, linkedin, x_handle, speaker_id FROM contact ORDER BY id")
    ).all()
    details = []
    speakers: dict[int, int] = {}
    for row in rows:
        position = 0
        for kind, value, key in (
            ("email", row.email.strip(), row.email.strip().casefold()),
            ("phone", row.phone.strip(), _phone_key(row.phone)),
            ("url", _url_of("linkedin", row.linkedin), _url_key(_url_of("linkedin", row.linkedin))),
            ("url", _url_of("x", row.x_handle), _url_key(_url_of("x", row.x_handle))),
        ):
            if value:
                details.append(
                    {"contact_id": row.id, "kind": kind, "value": value, "match_key": key, "position": position}
                )
                position += 1
        if row.speaker_id is not None:
            speakers.setdefault(row.speaker_id, row.id)
    if details:
        connection.execute(
            sa.text(
                "INSERT INTO contact_detail (contact_id, kind, value, match_key, position) "
                "VALUES (:contact_id, :kind, :value, :match_key, :position)"
            ),
            details,
        )
    if speakers:
        connection.execute(
            sa.text("INSERT INTO contact_speaker (speaker_id, contact_id) VALUES (:speaker_id, :contact_id)"),
            [{"speaker_id": s, "contact_id": c} for s, c in speakers.items()],
        )


def upgrade() -> None:
    op.create_table('contact_detail',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.Column('match_key', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contact.id'], name=op.f('fk_contact_detail_contact_id_contact'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_detail'))
    )
    with op.batch_alter_table('contact_detail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_detail_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index('ix_contact_detail_kind_match_key', ['kind', 'match_key'], unique=False)

    op.create_table('contact_distinct',
    sa.Column('first_id', sa.Integer(), nullable=False),
    sa.Column('second_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['first_id'], ['contact.id'], name=op.f('fk_contact_distinct_first_id_contact'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['second_id'], ['contact.id'], name=op.f('fk_contact_distinct_second_id_contact'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('first_id', 'second_id', name=op.f('pk_contact_distinct'))
    )
    op.create_table('contact_merge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kept_id', sa.Integer(), nullable=False),
    sa.Column('merged_id', sa.Integer(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('merged_at', sa.DateTime(), nullable=False),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['kept_id'], ['contact.id'], name=op.f('fk_contact_merge_kept_id_contact'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['merged_id'], ['contact.id'], name=op.f('fk_contact_merge_merged_id_contact'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_merge'))
    )
    with op.batch_alter_table('contact_merge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_merge_kept_id'), ['kept_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_merge_merged_id'), ['merged_id'], unique=False)

    op.create_table('contact_speaker',
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contact.id'], name=op.f('fk_contact_speaker_contact_id_contact'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['speaker.id'], name=op.f('fk_contact_speaker_speaker_id_speaker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('speaker_id', name=op.f('pk_contact_speaker'))
    )
    with op.batch_alter_table('contact_speaker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_speaker_contact_id'), ['contact_id'], unique=False)

    _move_contact_details(op.get_bind())

    # The table is rebuilt (SQLite cannot drop columns with constraints in place); migrate.py turns
    # foreign keys off meanwhile, so the rebuild cascades into no conversation or goal link.
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.add_column(sa.Column('specialty', sa.String(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('direction', sa.String(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('obtained', sa.String(), nullable=False, server_default='typed'))
        batch_op.add_column(sa.Column('orcid', sa.String(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('photo', sa.LargeBinary(), nullable=True))
        batch_op.drop_index(batch_op.f('ix_contact_speaker_id'))
        batch_op.create_index(batch_op.f('ix_contact_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_orcid'), ['orcid'], unique=False)
        batch_op.drop_constraint(batch_op.f('fk_contact_speaker_id_speaker'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_contact_merged_into_id_contact'), 'contact', ['merged_into_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_column('speaker_id')
        batch_op.drop_column('linkedin')
        batch_op.drop_column('email')
        batch_op.drop_column('phone')
        batch_op.drop_column('x_handle')
    # Contacts made by "I met them…" came from a program.
    op.execute(
        "UPDATE contact SET obtained = 'program' WHERE id IN (SELECT contact_id FROM contact_speaker)"
    )

    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('poster', sa.String(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('their_promises', sa.Text(), nullable=False, server_default=''))

    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('orcid', sa.String(), nullable=False, server_default=''))


def downgrade() -> None:
    # Lossy by nature: a person keeps only their first email and phone, and one speaker link.
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.drop_column('orcid')
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.drop_column('their_promises')
        batch_op.drop_column('poster')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        for column in ('x_handle', 'phone', 'email', 'linkedin'):
            batch_op.add_column(sa.Column(column, sa.String(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('speaker_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f('fk_contact_merged_into_id_contact'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_contact_speaker_id_speaker'), 'speaker', ['speaker_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_index(batch_op.f('ix_contact_orcid'))
        batch_op.drop_index(batch_op.f('ix_contact_merged_into_id'))
        batch_op.create_index(batch_op.f('ix_contact_speaker_id'), ['speaker_id'], unique=False)
        for column in ('photo', 'merged_into_id', 'note', 'orcid', 'obtained', 'direction', 'specialty'):
            batch_op.drop_column(column)
    for kind in ('email', 'phone'):
        op.execute(
            f"UPDATE contact SET {kind} = COALESCE((SELECT value FROM contact_detail d WHERE d.contact_id = contact.id "
            f"AND d.kind = '{kind}' ORDER BY d.position LIMIT 1), '')"
        )
    op.execute(
        "UPDATE contact SET speaker_id = (SELECT MIN(speaker_id) FROM contact_speaker s WHERE s.contact_id = contact.id)"
    )
    op.drop_table('contact_speaker')
    op.drop_table('contact_merge')
    op.drop_table('contact_distinct')
    op.drop_table('contact_detail')
