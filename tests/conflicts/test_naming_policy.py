"""Naming policies: the first mention of a contested name reads as the policy's first-mention
form, later ones as the preferred name, per language and per conflict; editors see them."""

import pytest
from django.urls import reverse

from conflicts.models import NamingPolicy, NamingRule
from conflicts.naming import Namer, name_rule, namer_for
from tests.conflicts.factories import ConflictExplainerPageFactory

STEPANAKERT = name_rule(1, "Stepanakert", "Stepanakert (Khankendi)", "Khankendi\nKhankandi")
LACHIN = name_rule(2, "Lachin corridor", "", "Lachin road")


def test_the_first_mention_takes_the_first_mention_form_and_later_ones_the_preferred_name():
    namer = Namer([STEPANAKERT, LACHIN])

    texts = [
        namer("Khankendi emptied; the Lachin road was shut."),
        namer("Stepanakert (Khankendi) and Khankandi are one city: Stepanakert."),
    ]

    assert texts == [
        "Stepanakert (Khankendi) emptied; the Lachin corridor was shut.",
        "Stepanakert and Stepanakert are one city: Stepanakert.",
    ]


def test_names_match_whole_words_as_written():
    namer = Namer([STEPANAKERT])

    assert namer("Stepanakertians, stepanakert and Stepanakert") == (
        "Stepanakertians, stepanakert and Stepanakert (Khankendi)"
    )


def test_armenian_and_cyrillic_words_have_their_own_boundaries():
    namer = Namer([name_rule(1, "Степанакерт", "Степанакерт (Ханкенди)", "Ханкенди")])

    assert namer("Ханкенди, в Степанакерте, Степанакерт.") == (
        "Степанакерт (Ханкенди), в Степанакерте, Степанакерт."
    )


@pytest.fixture
def policy(site_tree, locales):
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="karabakh")
    policy = NamingPolicy.objects.create(subject="Stepanakert / Khankendi")
    policy.explainers.set([explainer])
    policy.save()
    for code, preferred, first in (
        ("en", "Stepanakert", "Stepanakert (Khankendi)"),
        ("ru", "Степанакерт", "Степанакерт (Ханкенди)"),
    ):
        NamingRule.objects.create(
            policy=policy, locale=locales[code], preferred_name=preferred, first_mention=first
        )
    return policy


def test_a_conflicts_policy_applies_to_it_only_in_the_language_of_the_rule(
    policy, locales, site_tree, django_assert_num_queries
):
    karabakh = policy.explainers.get()
    other = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="elsewhere")

    with django_assert_num_queries(1):
        namer = namer_for(locales["ru"].pk, karabakh.translation_key)
    assert namer("Степанакерт") == "Степанакерт (Ханкенди)"
    assert namer_for(locales["ru"].pk, other.translation_key)("Степанакерт") == "Степанакерт"
    assert namer_for(locales["hy"].pk, karabakh.translation_key)("Степанакерт") == "Степанакерт"


def test_a_policy_linked_to_no_conflict_applies_everywhere(policy, locales):
    policy.explainers.set([])
    policy.save()

    assert namer_for(locales["en"].pk)("Stepanakert") == "Stepanakert (Khankendi)"


def test_a_preferred_name_listed_as_an_alternate_is_refused_by_field(policy, locales):
    from django.core.exceptions import ValidationError

    rule = NamingRule(
        policy=policy,
        locale=locales["hy"],
        preferred_name="Ստեփանակերտ",
        alternate_names="Ստեփանակերտ\nԽանքենդի",
    )
    with pytest.raises(ValidationError) as raised:
        rule.full_clean()
    assert "alternate_names" in raised.value.message_dict


def test_editors_find_the_policies_in_the_snippet_list_and_on_the_explainers_edit_page(
    editor, policy
):
    listing = editor.get(reverse("wagtailsnippets_conflicts_namingpolicy:list"))
    assert "Stepanakert / Khankendi" in listing.content.decode()

    explainer = policy.explainers.get()
    page = editor.get(reverse("wagtailadmin_pages:edit", args=[explainer.pk])).content.decode()
    assert "Naming policy" in page
    assert "Stepanakert (Khankendi), then Stepanakert" in page
    edit_url = reverse("wagtailsnippets_conflicts_namingpolicy:edit", args=[policy.pk])
    assert f'href="{edit_url}"' in page


def test_saving_a_policy_in_the_admin_keeps_a_revision(editor, policy, locales):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = nested_form_data(
        {
            "subject": "Stepanakert / Khankendi",
            "explainers": [e.pk for e in policy.explainers.all()],
            "actor": "",
            "note": "As the Armenian and Azerbaijani sides each name it.",
            "rules": inline_formset(
                [
                    {
                        "id": rule.pk,
                        "locale": rule.locale_id,
                        "preferred_name": rule.preferred_name,
                        "first_mention": rule.first_mention,
                        "alternate_names": "",
                    }
                    for rule in policy.rules.all()
                ],
                initial=2,
            ),
        }
    )
    response = editor.post(
        reverse("wagtailsnippets_conflicts_namingpolicy:edit", args=[policy.pk]), data
    )

    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.note.startswith("As the Armenian")
    assert policy.revisions.count() == 1
