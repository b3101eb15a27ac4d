"""The OAI-PMH endpoint: ``/oai/``, by GET or by POST (form-encoded), as the protocol allows.

Harvesters post without a CSRF token, and the endpoint changes nothing, so it is exempt
from CSRF checks. Answers are XML with status 200, errors included, as the protocol asks.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

from catalog.opendata.oai.protocol import respond


@csrf_exempt
def endpoint(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    arguments = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(request.path)
    body = respond(dict(arguments.lists()), base_url, request.build_absolute_uri)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
