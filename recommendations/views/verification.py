"""Check a downloaded plan: which submission a PDF or HTML file is, by its SHA-256."""

from django.views.generic import FormView

from ..forms import CheckFileForm
from ..forms.verification import MAX_BYTES
from ..selectors.submissions import file_match


class CheckFileView(FormView):
    """Anyone signed in uploads a file; the answer is among the submissions they may read.

    Nothing is saved: the file is hashed while the form checks it, then dropped."""

    template_name = "recommendations/check_file.html"
    form_class = CheckFileForm
    # Read by RequestSizeLimitMiddleware: room for a file a little over the form's limit,
    # so that one is refused beside the field, not by the 413 page.
    request_max_bytes = MAX_BYTES + 5 * 1024 * 1024

    def form_valid(self, form):
        match = file_match(user=self.request.user, digest=form.cleaned_data["sha256"])
        return self.render_to_response(
            self.get_context_data(form=CheckFileForm(), checked=True, match=match)
        )
