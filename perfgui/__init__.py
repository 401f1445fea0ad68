"""perfgui: the annual 绩效自评表, filled in offline."""

__version__ = "0.1.0"
APP_NAME = "perfgui"
APP_TITLE = "绩效自评"
