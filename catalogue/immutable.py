"""Append-only tables: rows written once, never updated or deleted from the application.

The one home of the rule every app shares (funding's ledger, the intake's access records):
`ImmutableModel` refuses `save` on an existing row and `delete`, its queryset refuses bulk
`update` and `delete`. On PostgreSQL each table adds a trigger in its app's migrations so
that raw SQL is refused too (funding 0002, intake 0007).

A table whose rows are dropped once a retention limit passes says so
(`purgeable = True`) and drops them only through `purge()`: on PostgreSQL that names the
table in the transaction-local setting `rete.purge`, which its trigger checks, so that no
other delete gets through. The trigger guards against mistakes in the application, not
against a database user who can alter the table.
"""

from typing import Any

from django.db import connections, models, transaction

PURGE_SETTING = "rete.purge"


class ImmutableError(TypeError):
    """An update or delete of an append-only row."""


class ImmutableQuerySet(models.QuerySet):
    """Rows written once: bulk updates and deletes are refused too."""

    def update(self, **kwargs: Any) -> int:
        raise ImmutableError(self.model.update_refused)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableError(self.model.delete_refused)

    def purge(self) -> int:
        """Delete these rows because their retention limit has passed: the one delete a
        `purgeable` model allows. Returns how many rows went."""
        if not getattr(self.model, "purgeable", False):
            raise ImmutableError(self.model.delete_refused)
        connection = connections[self.db]
        with transaction.atomic(using=self.db):
            postgres = connection.vendor == "postgresql"
            if postgres:
                self._set_purge(connection, self.model._meta.db_table)
            deleted, _ = models.QuerySet.delete(self)
            if postgres:
                self._set_purge(connection, "")
        return deleted

    delete.queryset_only = True  # type: ignore[attr-defined]
    purge.queryset_only = True  # type: ignore[attr-defined]

    @staticmethod
    def _set_purge(connection: Any, table: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [PURGE_SETTING, table])


class ImmutableModel(models.Model):
    """Saved once (insert only); `save` on an existing row and `delete` raise."""

    update_refused = "These rows are written once and never changed."
    delete_refused = "These rows are never deleted."
    purgeable = False

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError(self.update_refused)
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError(self.delete_refused)
