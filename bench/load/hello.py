"""L1, the floor: a bare WSGI callable under the same gunicorn as Safehold, no framework at all."""

BODY = b"hello"
HEADERS = [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
