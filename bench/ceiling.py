"""The ceiling: a bare Flask app answering every request with one constant TwiML document.

Served by gunicorn exactly like the IVR (`gunicorn -c gunicorn.conf.py --pythonpath bench
ceiling:app`: the same worker class, threads and workers), it is the most a Flask app can do on
this machine. BENCH_CEILING_BYTES sets the document's size (bench/run passes the IVR's mean
answer size from the pre-run).

BENCH_CEILING=floor adds the work every IVR answer needs whatever its code: parse Twilio's form,
check X-Twilio-Signature with ivr.web.signatures (when TWILIO_AUTH_TOKEN is set) and log the
JSON step line with ivr.web.logs; the IVR cannot be faster than that. bench/run serves both, the
bare ceiling and the floor, in every run.
"""
import os

from flask import Flask, Response, request

SIZE = int(os.environ.get("BENCH_CEILING_BYTES", "1200"))
HEAD = ('<?xml version="1.0" encoding="UTF-8"?><Response><Gather action="/voice/x/main?lang=ja'
        '&amp;fails=0" actionOnEmptyResult="true" finishOnKey="" input="dtmf" method="POST" '
        'numDigits="1" timeout="6"><Say language="ja-JP" voice="Polly.Mizuki">')
TAIL = ('</Say></Gather><Redirect method="POST">/voice/x/main?lang=ja&amp;fails=0</Redirect>'
        '</Response>')
FILL = max(0, SIZE - len((HEAD + TAIL).encode()))
BODY = (HEAD + "あ" * (FILL // 3) + "." * (FILL % 3) + TAIL).encode()

app = Flask(__name__)


@app.route("/", defaults={"path": ""}, methods=["GET", "POST"])
@app.route("/<path:path>", methods=["GET", "POST"])
def answer(path: str) -> Response:
    return Response(BODY, mimetype="text/xml")


if os.environ.get("BENCH_CEILING") == "floor":
    from twilio.request_validator import RequestValidator

    from ivr.web import logs
    from ivr.web.signatures import is_signed

    logs.configure()
    TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")
    VALIDATOR = RequestValidator(TOKEN)

    @app.before_request
    def unavoidable():
        if TOKEN and not is_signed(request, VALIDATOR, None):
            return Response(status=403)
        logs.log_step({"call_sid": request.values.get("CallSid"), "line": "mynumber",
                       "menu": "main", "key": request.values.get("Digits"),
                       "decision": "greeting", "reason": None})
        return None
