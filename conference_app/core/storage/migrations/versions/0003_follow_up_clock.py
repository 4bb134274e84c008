"""follow-up clock facts

What the follow-up clock needs to be derived from facts: replies, the user's decisions about tasks
(done, skipped, snoozed), a keep-in-touch interval and a form of address per person, and on each
outgoing message the task it answers and when its state last changed. Adds tables and nullable or
defaulted columns only, so every existing row is kept as it is.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reply',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('asks', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contact.id'], name=op.f('fk_reply_contact_id_contact'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reply'))
    )
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reply_contact_id'), ['contact_id'], unique=False)

    op.create_table('task_decision',
    sa.Column('task_id', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('task_id', name=op.f('pk_task_decision'))
    )

    # Adding columns only: SQLite does it in place, no table is rebuilt.
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.add_column(sa.Column('keep_in_touch_months', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('address_title', sa.String(), nullable=False, server_default=''))

    with op.batch_alter_table('outgoing_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('task_id', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('state_changed_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outgoing_message_task_id'), ['task_id'], unique=False)


def downgrade() -> None:
    # Lossy by nature: replies, decisions and per-person choices go; messages keep their text and state.
    with op.batch_alter_table('outgoing_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outgoing_message_task_id'))
        batch_op.drop_column('state_changed_at')
        batch_op.drop_column('task_id')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_column('address_title')
        batch_op.drop_column('keep_in_touch_months')
    op.drop_table('task_decision')
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reply_contact_id'))
    op.drop_table('reply')
