"""reportgen: turn a council's quarterly Excel returns into its committee papers."""

__version__ = "0.1.0"
