"""The thin Flask layer: the app factory, the views, the one module that writes TwiML, the wire
protocol, signatures, the menus store and its safe reload, logs, settings and the development
pages."""
