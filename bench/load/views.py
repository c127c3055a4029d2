"""L2, the framework's floor: a plain Django view with one query, through the full middleware stack."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from safehold.accounts.models import Organisation


def one_query(request: HttpRequest) -> HttpResponse:
    name = Organisation.objects.order_by("pk").values_list("name", flat=True).first()
    return HttpResponse(f"hello {name}", content_type="text/plain")


# The same view for a logged-in user: the session and the user are read as on every page of Safehold.
one_query_logged_in = login_required(one_query)
