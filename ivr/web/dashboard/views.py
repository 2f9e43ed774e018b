"""/dashboard: its guard, the period asked for, and the page drawn from the report's figures."""
from __future__ import annotations

import hmac
from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from ivr.records.database import connect
from ivr.records.figures import Period, figures
from ivr.records.folding import fold_pending
from ivr.records.writer import Writer
from ivr.web.dashboard import charts
from ivr.web.dashboard.heatmap import desk_hours, heat_map, hours_legend
from ivr.web.recording import WRITER
from ivr.web.store import MenusStore

bp = Blueprint("dashboard", __name__, template_folder="templates")
READER, FOLDER = "ivr.dashboard.reader", "ivr.dashboard.folder"
# Seconds a page may spend folding steps into their calls before it counts: the first look
# after a long busy spell leaves the rest to the next one, well within gunicorn's timeout.
FOLD_SECONDS = 5.0
# The page shows callers' behaviour: no cache may keep it, no other site frame it, and it
# loads nothing from anywhere (its charts are inline SVG, its style inline CSS).
HEADERS = {"Cache-Control": "no-store", "X-Frame-Options": "DENY",
           "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                      "form-action 'self'; frame-ancestors 'none'"}


@bp.before_request
def guard() -> Response | None:
    settings = current_app.config["IVR_SETTINGS"]
    if settings.dashboard_password:
        given = request.authorization
        password = (given.password or "") if given and given.type == "basic" else ""
        if not hmac.compare_digest(password.encode(), settings.dashboard_password.encode()):
            return Response("The dashboard asks for the operators' password (any user name).\n",
                            401, {"WWW-Authenticate": 'Basic realm="IVR dashboard", '
                                                      'charset="UTF-8"'}, mimetype="text/plain")
    elif settings.auth_token:
        abort(404)  # live without a password: there is no dashboard
    return None


@bp.get("/dashboard")
def page() -> Response:
    store: MenusStore = current_app.extensions["ivr"]
    menus = store.menus
    period, problems = _period(request.args, set(menus.lines))
    view: dict[str, Any] = {"period": period, "problems": problems, "lines": sorted(menus.lines),
                            "zone": menus.zone.key, "charts": charts}
    status = 200
    writer: Writer | None = current_app.extensions.get(WRITER)
    if writer is None:
        view["off"] = True
    else:
        try:
            view["unfolded"] = fold_pending(_engine(FOLDER, writer, True), FOLD_SECONDS)
            with _engine(READER, writer, False).begin() as connection:
                found = figures(connection, period)
        except SQLAlchemyError as error:
            view["error"], status = f"{type(error).__name__}: {error}".splitlines()[0], 503
        else:
            answers = found["answers"]
            view.update(found=found, desks=[
                (desk, heat_map(week, hours), hours_legend(hours))
                for desk, week in found["closed_by_hour"].items()
                for hours in [desk_hours(menus, desk)]],
                invalid_notes={place: f" of {answers[place]} answers"
                               for place in found["invalid_rate"]})
    return Response(render_template("dashboard/dashboard.html", **view), status,
                    headers=HEADERS)


def _period(args: Any, lines: set[str]) -> tuple[Period, list[str]]:
    """The days and line asked for; what cannot be read is said, and left out."""
    problems, days = [], {}
    for name in ("since", "until"):
        text = args.get(name, "").strip()
        try:
            days[name] = date.fromisoformat(text) if text else None
        except ValueError:
            problems.append(f"{name}: {text!r} is not a date (YYYY-MM-DD); left out")
            days[name] = None
    line = args.get("line", "").strip() or None
    if line is not None and line not in lines:
        problems.append(f"line: {line!r} is not a line of these menus; all lines shown")
        line = None
    return Period(days["since"], days["until"], line), problems


def _engine(name: str, writer: Writer, folding: bool) -> Engine:
    """This process's engine for folding or for reading the records (made at the first look)."""
    engine: Engine | None = current_app.extensions.get(name)
    if engine is None:
        engine = current_app.extensions[name] = connect(writer.url, writer=folding)
    return engine
