"""The live layer: `gunicorn app:app`, as production runs it, spoken to over HTTP."""
import pytest

from tests.helpers import HOTLINE
from tests.live.servers import PUBLIC_URL, TOKEN, gunicorn


@pytest.fixture(scope="module")
def signed_server(tmp_path_factory):
    """Signatures on, checked against IVR_PUBLIC_URL, every transfer to a test number."""
    with gunicorn({"IVR_MENUS": str(HOTLINE), "TWILIO_AUTH_TOKEN": TOKEN,
                   "IVR_PUBLIC_URL": PUBLIC_URL, "IVR_DIAL_OVERRIDE": "+815011112222"},
                  tmp_path_factory.mktemp("logs")) as server:
        yield server


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory):
    """Development: no signatures."""
    with gunicorn({"IVR_MENUS": str(HOTLINE)}, tmp_path_factory.mktemp("logs")) as server:
        yield server
