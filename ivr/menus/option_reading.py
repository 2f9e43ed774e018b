"""Reading an option's YAML as the one kind of option its action key names, or saying why it is
no kind at all.

An option that plainly names one action (`menu: news`) goes straight to that kind. Anything else
(no action, two, an action left empty, `back:` not plainly true, `language:` beside an action
that does not take it, not a mapping at all) is first read as any option may be written — every
kind's keys, each optional — so that unknown keys and bad values are reported as for every
option; only an option sound in every key is then told what makes it no one kind. That written
form is also what editors are given as the JSON Schema of an option.
"""
from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    create_model,
)
from pydantic.config import JsonDict, JsonValue

from ivr.menus.fields import Frozen


class ReadByAction:
    """The pydantic machinery of `Option`, derived from its kinds (a union of tagged classes,
    each with an ACTION: the YAML key of what it does)."""

    def __init__(self, kinds: Any) -> None:
        tagged = [get_args(member) for member in get_args(kinds)]
        self.kinds: dict[str, type[BaseModel]] = {kind.ACTION: kind for kind, _ in tagged}
        self.tags: dict[type, str] = {kind: tag.tag for kind, tag in tagged}
        # A flag action is written `back: true`; `back: false` is no action.
        self.flags = {action for action, kind in self.kinds.items()
                      if kind.model_fields[action].annotation == Literal[True]}
        fields = [set(kind.model_fields) for kind in self.kinds.values()]
        self.common = set.intersection(*fields)
        self.some = set.union(*fields) - self.common - set(self.kinds)  # e.g. language
        self.written: type[BaseModel] = create_model(
            "Option",
            __doc__="What one key does: transfer, open a menu or another line, go back, or speak "
                    "a message.",
            __config__=ConfigDict(**Frozen.model_config, json_schema_extra=self._for_editors()),
            **self._written_fields())
        self.discriminator = Discriminator(self._tag)
        self.validator = WrapValidator(self._one_kind, json_schema_input_type=self.written)

    def _written_fields(self) -> dict[str, Any]:
        """Every kind's keys, each optional: actions first, then the keys some kinds take, then
        those every kind takes."""
        infos: dict[str, Any] = {}
        for kind in self.kinds.values():
            for name, info in kind.model_fields.items():
                infos.setdefault(name, info)
        fields: dict[str, Any] = {}
        for name in [*self.kinds, *sorted(self.some)]:
            description = infos[name].description
            fields[name] = ((bool, Field(False, description=description)) if name in self.flags
                            else (infos[name].rebuild_annotation() | None,
                                  Field(None, description=description)))
        fields.update({name: (info.annotation, info) for name, info in infos.items()
                       if name in self.common})
        return fields

    def _for_editors(self) -> JsonDict:
        """What _one_kind checks, as JSON Schema."""
        one_of: list[JsonValue] = []
        for action in self.kinds:
            branch: JsonDict = {"required": [action]}
            if action in self.flags:
                branch["properties"] = {action: {"const": True}}
            one_of.append(branch)
        beside: JsonDict = {name: {"anyOf": [{"required": [action]}
                                             for action, kind in self.kinds.items()
                                             if name in kind.model_fields]}
                            for name in sorted(self.some)}
        return {"oneOf": one_of, "dependentSchemas": beside}

    def _tag(self, value: Any) -> str | None:
        """The tag of the kind `value` is; _one_kind hands over only options and mappings with
        one action key."""
        if type(value) in self.tags:
            return self.tags[type(value)]
        action = next((action for action in self.kinds if action in value), None)
        return self.tags[self.kinds[action]] if action else None

    def _plainly_one_kind(self, value: Any) -> bool:
        """A mapping with one action key, given a value (`true`, for a flag), and no key that only
        other kinds take."""
        if not isinstance(value, dict):
            return False
        actions = [action for action in self.kinds if action in value]
        if len(actions) != 1:
            return False
        action, kind = actions[0], self.kinds[actions[0]]
        written = value[action] is True if action in self.flags else bool(value[action])
        return written and not any(name in self.some and name not in kind.model_fields
                                   for name in value)

    def _one_kind(self, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """The option as its kind, or a ValueError saying what makes it no kind (see above)."""
        if type(value) in self.tags or self._plainly_one_kind(value):
            return handler(value)
        written: Any = self.written.model_validate(value)  # refuses unknown keys, bad values
        actions = [action for action in self.kinds if getattr(written, action)]
        if len(actions) != 1:
            kinds = [f"{action}: true" if action in self.flags else f"{action}:"
                     for action in self.kinds]
            raise ValueError(f"an option does exactly one thing, this one has "
                             f"{' and '.join(actions) or 'none'} — write one of "
                             f"{', '.join(kinds[:-1])} or {kinds[-1]}")
        action, kind = actions[0], self.kinds[actions[0]]
        if written.language and "language" not in kind.model_fields:
            takers = " or ".join(f"{action}:" for action, taker in self.kinds.items()
                                 if "language" in taker.model_fields)
            raise ValueError("language: switches language on the way to a menu — add "
                             f"{takers} to this option, or remove language:")
        # Plainly that kind, once the actions left without a value are left out.
        return handler({name: getattr(written, name) for name in written.model_fields_set
                        if (name == action or name not in self.kinds)
                        and getattr(written, name) is not None})
