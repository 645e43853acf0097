"""The outbox's worker in tests: run the ready tasks as `manage.py db_worker --backend
outbox` does."""

from django_tasks_db.models import DBTaskResult


def run_ready_tasks():
    """Run the outbox queue's ready tasks, oldest first, in the test's transaction (the real
    worker closes the database connection between tasks); returns how many ran."""
    ready = list(DBTaskResult.objects.ready().order_by("enqueued_at"))
    for result in ready:
        result.set_successful(result.task.call(*result.task_result.args))
    return len(ready)
