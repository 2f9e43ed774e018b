"""An IVR (voice phone tree) for Twilio, configured in YAML: see README.md."""
from ivr.app import create_app
from ivr.config import Menus, load_menus
from ivr.errors import ConfigError

__all__ = ["ConfigError", "Menus", "create_app", "load_menus"]
