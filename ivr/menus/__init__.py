"""Reading the menus: YAML files → one frozen, validated `Menus`, or a ConfigError whose problems
name the file, line and YAML path and say what to write instead. Nothing a call could trip on
gets past this layer."""
from ivr.menus.loader import Menus, load_menus
from ivr.menus.problems import ConfigError, Problem

__all__ = ["ConfigError", "Menus", "Problem", "load_menus"]
