"""Profile the IVR's request handling in-process with pyinstrument (bench/requirements.txt).

Usage: python bench/profile_request.py [MENUS] [PASSES]
Runs the mix of bench/mix.py as direct WSGI calls, signed as Twilio signs them and checked by
the app (as in production), and prints pyinstrument's call tree.
"""
import sys

from pyinstrument import Profiler
from twilio.request_validator import RequestValidator

from bench.mix import quiet_app, resolve, weighted
from bench.wsgi_calls import call, prepare

menus = sys.argv[1] if len(sys.argv) > 1 else "menus"
passes = int(sys.argv[2]) if len(sys.argv) > 2 else 40
app = quiet_app(menus, "profile-token")
prepared = prepare(weighted(resolve(quiet_app(menus))[0]), signer=RequestValidator("profile-token"))
for environ, body in prepared:  # warm up, and check every answer is a real one
    status, headers, data = call(app, environ, body)
    assert status.startswith("200") and "X-IVR-Decision" in headers, (environ["PATH_INFO"], data)
profiler = Profiler(interval=0.0002)
profiler.start()
for _ in range(passes):
    for environ, body in prepared:
        call(app, environ, body)
profiler.stop()
print(profiler.output_text(unicode=True, color=False))
