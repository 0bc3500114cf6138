"""What the form views' tests share: the GOV.UK error pattern of a refused form."""


def assert_error_pattern(response, *messages):
    """The form is shown again with an error summary, and each message is both in the
    summary and beside its field."""
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert 'class="govuk-error-summary"' in html
    for message in messages:
        assert html.count(message) >= 2, message  # in the summary and beside the field
