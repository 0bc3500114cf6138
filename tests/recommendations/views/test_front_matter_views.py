"""The front matter's pages: reached from the plan page, each form saves through its
service with the user and reason, refuses blank or invalid input with the GOV.UK error
pattern, and shows the other person's version on a stale save."""

import pytest
from django.urls import reverse

from recommendations import services
from recommendations.models import (
    ActionPlan,
    AddresseeGroup,
    Milestone,
    Recommendation,
    ResponsibleBody,
)
from tests.recommendations.views.form_support import assert_error_pattern

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client_for, seed_plan):
    return client_for("editor")


def url(name, plan, *args):
    return reverse(f"recommendations:{name}", args=[plan.slug, *args])


def latest(instance):
    return instance.history.order_by("-history_date", "-history_id").first()


def assert_recorded(instance, user, reason):
    record = latest(instance)
    assert (record.history_user, record.history_change_reason) == (user, reason)


def date_fields(name, day, month, year):
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


class TestFrontMatterPage:
    def test_is_linked_from_the_plan_page_and_links_every_change(self, editor, seed_plan):
        plan_page = editor.get(url("plan-detail", seed_plan)).content.decode()
        assert url("front-matter", seed_plan) in plan_page
        html = editor.get(url("front-matter", seed_plan)).content.decode()
        for name in ("report-edit", "plan-edit", "plan-bodies-edit", "milestone-add"):
            assert url(name, seed_plan) in html, name
        term = seed_plan.categorisation.get(term="agreed")
        assert url("categorisation-edit", seed_plan, term.pk) in html
        published = seed_plan.milestones.get(kind="report_published")
        assert url("milestone-edit", seed_plan, published.pk) in html
        for submission in seed_plan.milestones.filter(kind__in=Milestone.SUBMISSION_KINDS):
            assert url("milestone-edit", seed_plan, submission.pk) not in html
        assert "Add the standard categorisation table" not in html
        assert f'href="{reverse("recommendations:body-list")}"' not in html  # administrators

    def test_headings_can_be_changed_and_archived_from_the_plan_page(self, editor, seed_plan):
        group = seed_plan.groups.first()
        html = editor.get(url("plan-detail", seed_plan)).content.decode()
        assert url("group-edit", seed_plan, group.pk) in html
        assert url("archive", seed_plan, "group", group.pk) in html


class TestReport:
    def test_saves_with_user_and_reason(self, editor, seed_plan, people):
        report = seed_plan.report
        response = editor.post(
            url("report-edit", seed_plan),
            {
                "title": "A new title",
                **date_fields("published_on", "21", "7", "2023"),
                "inspection_period": "23 April – 3 May 2023",
                "version": services.version_of(report),
                "change_reason": "Corrected",
            },
        )
        assert response.status_code == 302
        report.refresh_from_db()
        assert (report.title, report.inspection_period) == ("A new title", "23 April – 3 May 2023")
        assert report.published_on.isoformat() == "2023-07-21"
        assert_recorded(report, people["editor"], "Corrected")
        assert "Report details updated" in editor.get(response.url).content.decode()

    def test_refuses_a_blank_title_and_an_invalid_date(self, editor, seed_plan):
        response = editor.post(
            url("report-edit", seed_plan),
            {"title": "", **date_fields("published_on", "31", "2", "2023")},
        )
        assert_error_pattern(
            response,
            "Enter the title of the inspection report",
            "The date the report was published must be a real date",
        )

    def test_a_stale_save_shows_their_version_and_keeps_mine(self, editor, seed_plan):
        stale = services.version_of(seed_plan.report)
        services.report_update(plan=seed_plan, data={"inspection_period": "Theirs"})
        response = editor.post(
            url("report-edit", seed_plan),
            {"title": "Mine", "version": stale, "inspection_period": "Mine too"},
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert 'id="their-version"' in html and "Theirs" in html
        assert "Mine too" in html
        seed_plan.report.refresh_from_db()
        assert seed_plan.report.inspection_period == "Theirs"


def test_front_matter_changes_are_in_the_plan_history(editor, seed_plan):
    editor.post(
        url("report-edit", seed_plan),
        {
            "title": seed_plan.report.title,
            "inspection_period": "May 2023",
            "version": services.version_of(seed_plan.report),
            "change_reason": "Period added from the report",
        },
    )
    html = editor.get(url("plan-history", seed_plan)).content.decode()
    assert "The inspection report" in html
    assert "Period added from the report" in html


class TestPlanTexts:
    def test_saves_title_caveat_and_introduction(self, editor, seed_plan, people):
        response = editor.post(
            url("plan-edit", seed_plan),
            {
                "title": "The plan's own title",
                "caveat": "Provisional.",
                "introduction": "Paragraph one.\n\n- bullet one\n- bullet two",
                "version": services.version_of(seed_plan),
                "change_reason": "Introduction rewritten",
            },
        )
        assert response.status_code == 302
        seed_plan.refresh_from_db()
        assert seed_plan.title == "The plan's own title"
        assert_recorded(seed_plan, people["editor"], "Introduction rewritten")
        html = editor.get(url("front-matter", seed_plan)).content.decode()
        assert "<li>bullet two</li>" in html
        publication = editor.get(url("plan-publication", seed_plan)).content.decode()
        assert "Action plan: The plan&#x27;s own title" in publication
        assert "Provisional." in publication

    def test_refuses_a_blank_title_and_a_stale_version(self, editor, seed_plan):
        assert_error_pattern(
            editor.post(url("plan-edit", seed_plan), {"title": " "}),
            "Enter the title of the action plan",
        )
        stale = services.version_of(seed_plan)
        services.plan_update(plan=seed_plan, data={"caveat": "Theirs"})
        response = editor.post(url("plan-edit", seed_plan), {"title": "Mine", "version": stale})
        assert 'id="their-version"' in response.content.decode()
        seed_plan.refresh_from_db()
        assert seed_plan.title != "Mine"


class TestBodies:
    def test_chosen_in_order(self, editor, seed_plan, people):
        hmpps = seed_plan.bodies.get(name="HM Prison & Probation Service").pk
        ctp = seed_plan.bodies.get(name="Counter Terrorism Policing").pk
        response = editor.post(
            url("plan-bodies-edit", seed_plan),
            {
                "body_1": str(ctp),
                "body_2": str(hmpps),
                "version": services.version_of(seed_plan),
                "change_reason": "CTP leads",
            },
        )
        assert response.status_code == 302
        html = editor.get(url("front-matter", seed_plan)).content.decode()
        listed = html[html.index('id="plan-bodies"') :]
        assert listed.index("Counter Terrorism Policing") < listed.index("HM Prison")
        assert_recorded(ActionPlan.objects.get(pk=seed_plan.pk), people["editor"], "CTP leads")

    def test_refuses_none_and_the_same_twice(self, editor, seed_plan):
        body = seed_plan.bodies.first().pk
        assert_error_pattern(
            editor.post(url("plan-bodies-edit", seed_plan), {"body_1": ""}),
            "Select at least one responding body",
        )
        assert_error_pattern(
            editor.post(
                url("plan-bodies-edit", seed_plan), {"body_1": str(body), "body_2": str(body)}
            ),
            "Select each responding body once",
        )

    def test_only_administrators_add_and_rename_bodies(self, client_for, seed_plan, people):
        editor = client_for("editor")
        assert editor.get(reverse("recommendations:body-list")).status_code == 403
        assert editor.post(reverse("recommendations:body-add"), {"name": "X"}).status_code == 403
        assert not ResponsibleBody.objects.filter(name="X").exists()
        admin = client_for("admin")
        assert (
            reverse("recommendations:body-list")
            in admin.get(url("front-matter", seed_plan)).content.decode()
        )
        response = admin.post(
            reverse("recommendations:body-add"),
            {"name": "Youth Justice Board for Wales", "short_name": "YJBW", "change_reason": "New"},
        )
        assert response.status_code == 302
        body = ResponsibleBody.objects.get(name="Youth Justice Board for Wales")
        assert_recorded(body, people["admin"], "New")
        response = admin.post(
            reverse("recommendations:body-edit", args=[body.pk]),
            {
                "name": "Youth Justice Board Cymru",
                "logo_alt": "YJB Cymru logo",
                "version": services.version_of(body),
                "change_reason": "Renamed",
            },
        )
        assert response.status_code == 302
        body.refresh_from_db()
        assert (body.name, body.logo_alt) == ("Youth Justice Board Cymru", "YJB Cymru logo")
        assert_recorded(body, people["admin"], "Renamed")
        assert "Youth Justice Board Cymru" in admin.get(response.url).content.decode()
        assert_error_pattern(
            admin.post(reverse("recommendations:body-add"), {"name": ""}),
            "Enter the name of the responding body",
        )


class TestMilestones:
    def test_added_changed_and_moved(self, editor, seed_plan, people):
        response = editor.post(
            url("milestone-add", seed_plan),
            {
                "kind": "other",
                "label": "Fieldwork ended",
                **date_fields("date", "3", "5", "2023"),
                "change_reason": "Fieldwork",
            },
        )
        assert response.status_code == 302
        added = seed_plan.milestones.get(label="Fieldwork ended")
        assert_recorded(added, people["editor"], "Fieldwork")
        response = editor.post(
            url("milestone-edit", seed_plan, added.pk),
            {
                "kind": "other",
                "label": "Inspection fieldwork ended",
                **date_fields("date", "4", "5", "2023"),
                "version": services.version_of(added),
                "change_reason": "Wording",
            },
        )
        assert response.status_code == 302
        added.refresh_from_db()
        assert added.label == "Inspection fieldwork ended"
        assert_recorded(added, people["editor"], "Wording")
        last = list(seed_plan.milestones.order_by("position", "date", "id"))
        assert last[-1] == added
        response = editor.post(url("milestone-move", seed_plan, added.pk), {"direction": "up"})
        assert response.url == url("front-matter", seed_plan) + f"#milestone-{added.pk}"
        order = list(seed_plan.milestones.order_by("position", "date", "id"))
        assert order.index(added) == len(order) - 2

    def test_refuses_an_invalid_date_and_a_blank_label(self, editor, seed_plan):
        response = editor.post(
            url("milestone-add", seed_plan),
            {"kind": "other", "label": "", **date_fields("date", "40", "1", "2023")},
        )
        assert_error_pattern(
            response,
            "Enter the milestone as it will be published",
            "The date of the milestone must be a real date",
        )
        response = editor.post(
            url("milestone-add", seed_plan), {"kind": "plan_submitted", "label": "Sneaky"}
        )
        assert response.status_code == 200
        assert not seed_plan.milestones.filter(label="Sneaky").exists()

    def test_submissions_cannot_be_changed_or_moved(self, editor, seed_plan):
        submission = seed_plan.milestones.get(kind="plan_submitted")
        before = (submission.label, submission.date, submission.position)
        assert editor.get(url("milestone-edit", seed_plan, submission.pk)).status_code == 404
        response = editor.post(
            url("milestone-edit", seed_plan, submission.pk),
            {"kind": "other", "label": "Changed", **date_fields("date", "1", "1", "2020")},
        )
        assert response.status_code == 404
        moved = editor.post(url("milestone-move", seed_plan, submission.pk), {"direction": "up"})
        assert moved.status_code == 404
        submission.refresh_from_db()
        assert (submission.label, submission.date, submission.position) == before


class TestCategorisation:
    def test_a_changed_definition_is_the_hint_on_the_agreement_question(
        self, editor, seed_plan, people
    ):
        term = seed_plan.categorisation.get(term="partly_agreed")
        response = editor.post(
            url("categorisation-edit", seed_plan, term.pk),
            {
                "definition": "Some of it is agreed.",
                "comment": "Say which part.",
                "version": services.version_of(term),
                "change_reason": "Shorter",
            },
        )
        assert response.status_code == 302
        assert_recorded(term, people["editor"], "Shorter")
        rec = Recommendation.objects.get(group__plan=seed_plan, reference="6")
        form = editor.get(url("recommendation-edit", seed_plan, rec.pk)).content.decode()
        assert "Some of it is agreed." in form

    def test_refuses_a_blank_definition(self, editor, seed_plan):
        term = seed_plan.categorisation.get(term="agreed")
        assert_error_pattern(
            editor.post(url("categorisation-edit", seed_plan, term.pk), {"definition": ""}),
            "Enter the definition of the term",
        )

    def test_a_plan_without_a_table_is_given_the_standard_one(self, editor, seed_plan):
        seed_plan.categorisation.all().delete()
        html = editor.get(url("front-matter", seed_plan)).content.decode()
        assert "Add the standard categorisation table" in html
        response = editor.post(url("categorisation-add", seed_plan))
        assert response.status_code == 302
        assert seed_plan.categorisation.count() == 3

    def test_a_new_plan_has_the_standard_table(self, editor, seed_plan):
        hmpps = ResponsibleBody.objects.get(name="HM Prison & Probation Service")
        response = editor.post(
            reverse("recommendations:plan-create"),
            {"report_title": "New report", "slug": "new-report", "bodies": [str(hmpps.pk)]},
        )
        assert response.status_code == 302
        plan = ActionPlan.objects.get(slug="new-report")
        assert list(plan.categorisation.values_list("term", flat=True)) == [
            "agreed",
            "partly_agreed",
            "not_agreed",
        ]
        publication = editor.get(url("plan-publication", plan)).content.decode()
        assert 'id="categorisation"' in publication


class TestHeadings:
    def test_renamed_with_history_refused_blank_or_stale(self, editor, seed_plan, people):
        group = seed_plan.groups.first()
        stale = services.version_of(group)
        response = editor.post(
            url("group-edit", seed_plan, group.pk),
            {"heading": "The MoJ should:", "version": stale, "change_reason": "Short"},
        )
        assert response.status_code == 302
        group.refresh_from_db()
        assert group.heading == "The MoJ should:"
        assert_recorded(group, people["editor"], "Short")
        assert_error_pattern(
            editor.post(url("group-edit", seed_plan, group.pk), {"heading": ""}),
            "Enter the addressee heading",
        )
        response = editor.post(
            url("group-edit", seed_plan, group.pk), {"heading": "Mine", "version": stale}
        )
        assert 'id="their-version"' in response.content.decode()
        group.refresh_from_db()
        assert group.heading == "The MoJ should:"

    def test_archived_with_its_recommendations_and_restored(self, client_for, seed_plan):
        editor = client_for("editor")
        group = seed_plan.groups.get(heading="The Ministry of Justice should:")
        rec = group.recommendations.first()
        confirm = editor.get(url("archive", seed_plan, "group", group.pk)).content.decode()
        assert "Archive the heading “The Ministry of Justice should:”" in confirm
        response = editor.post(
            url("archive", seed_plan, "group", group.pk), {"change_reason": "Duplicate"}
        )
        assert response.status_code == 302
        page = editor.get(url("plan-detail", seed_plan)).content.decode()
        assert f'id="group-{group.pk}"' not in page
        assert f'id="rec-{rec.pk}"' not in page
        publication = editor.get(url("plan-publication", seed_plan)).content.decode()
        assert "The Ministry of Justice should:" not in publication
        assert editor.get(url("group-edit", seed_plan, group.pk)).status_code == 404
        assert editor.get(url("recommendation-add", seed_plan, group.pk)).status_code == 404

        admin = client_for("admin")
        listed = admin.get(reverse("recommendations:archived-list")).content.decode()
        restore = reverse("recommendations:restore", args=["group", group.pk])
        assert restore in listed
        assert admin.post(restore).status_code == 302
        assert AddresseeGroup.objects.get(pk=group.pk).archived_at is None
        page = editor.get(url("plan-detail", seed_plan)).content.decode()
        assert f'id="rec-{rec.pk}"' in page
