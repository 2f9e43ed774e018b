"""Entry point: `python app.py` serves on 127.0.0.1:5000 (HOST/PORT override); gunicorn uses `app:app`."""
import os
import sys

from ivr import ConfigError, create_app

try:
    app = create_app()
except ConfigError as error:
    # Refuse to serve broken menus: say what is wrong, where, and what to write instead.
    sys.exit(f"The IVR cannot start: the menus have problems.\n{error}")

if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
