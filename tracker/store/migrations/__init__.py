"""Alembic migrations of the tracker's schema, shipped in the wheel and run by ``open_engine``.

There is no ``alembic.ini``: the configuration is built in code (:func:`tracker.store.db.alembic_config`).
To write a new revision after changing ``tracker/store/models.py``::

    python -c "from alembic import command; from tracker.store.db import alembic_config; \\
        command.revision(alembic_config('sqlite:///scratch.db'), 'what changed', autogenerate=True)"

(``scratch.db`` upgraded to the current head first, e.g. by ``tracker --db sqlite:///scratch.db claims``.)
"""
