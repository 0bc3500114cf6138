"""Plain-text helpers shared by models, services and forms."""


def single_spaced(text: str | None) -> str:
    """The text with every run of white space (line breaks and tabs included) as one
    space, and none at either end: how names, labels and target dates are kept."""
    return " ".join((text or "").split())
