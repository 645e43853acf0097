"""Helpers of the «I miei dati» tests: a citizen with requests in every kind of status."""

from intake.services import Action, perform_transition
from tests import factories as f


def citizen_with_history(citizen, service, provider):
    """One request still submitted, one assigned to `provider`, one completed, one that
    the citizen withdrew with a note of their own."""
    operator = f.OperatorFactory()
    staff = f.ProviderStaffFactory(provider=provider)
    submitted = f.ServiceRequestFactory(
        citizen=citizen, service=service, description="Submitted: mia madre cade spesso."
    )
    assigned = f.ServiceRequestFactory(citizen=citizen, service=service)
    completed = f.ServiceRequestFactory(
        citizen=citizen, service=service, description="Completed: mio padre vive solo."
    )
    withdrawn = f.ServiceRequestFactory(citizen=citizen, service=service)
    for request in (assigned, completed):
        perform_transition(service_request=request, action=Action.TAKE_IN_REVIEW, actor=operator)
        perform_transition(
            service_request=request, action=Action.ASSIGN, actor=operator, provider=provider
        )
    for action in (Action.ACCEPT, Action.START, Action.COMPLETE):
        perform_transition(service_request=completed, action=action, actor=staff)
    perform_transition(
        service_request=withdrawn,
        action=Action.WITHDRAW,
        actor=citizen.user,
        note="Nota mia: mi aiuta mia sorella Giulia.",
    )
    return {
        "submitted": submitted,
        "assigned": assigned,
        "completed": completed,
        "withdrawn": withdrawn,
    }
