"""Entry point: `python app.py` serves on 127.0.0.1:5000 (HOST, PORT override it).

Production is `gunicorn app:app`, configured by gunicorn.conf.py.
"""
import os
import sys

from ivr import ConfigError, create_app
from ivr.web.settings import SettingError

try:
    app = create_app()
except ConfigError as error:
    # Refuse to serve broken menus: say what is wrong, where, and what to write instead.
    # (Under gunicorn this runs once, in the master: gunicorn.conf.py preloads the app.)
    what = "a setting is wrong" if isinstance(error, SettingError) else "the menus have problems"
    sys.exit(f"The IVR cannot start: {what}.\n{error}")

if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
