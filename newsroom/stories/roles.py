"""The newsroom's roles, as Wagtail groups: who may draft, fact-check and publish.

Used by the data migration that creates the groups, and by tests that check each role.
"""

REPORTERS = "Reporters"
EDITORS = "Editors"
FACT_CHECKERS = "Fact-checkers"
FACT_CHECK_WORKFLOW = "Fact check before publishing"
FACT_CHECK_TASK = "Fact check"
EDITOR_SIGN_OFF_TASK = "Editor sign-off"

ADMIN_ACCESS = [("wagtailadmin", "admin", "access_admin")]

# (app_label, model, codename) per role; page permissions are granted on the root page.
SNIPPET_PERMISSIONS = {
    REPORTERS: [
        ("conflicts", "actor", "add_actor"),
        ("conflicts", "actor", "change_actor"),
        ("conflicts", "claim", "add_claim"),
        ("conflicts", "claim", "change_claim"),
        ("conflicts", "source", "add_source"),
        ("conflicts", "source", "change_source"),
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "choose_image"),
    ],
    FACT_CHECKERS: [
        ("conflicts", "actor", "change_actor"),
        ("conflicts", "actor", "publish_actor"),
        ("conflicts", "claim", "add_claim"),
        ("conflicts", "claim", "change_claim"),
        ("conflicts", "claim", "publish_claim"),
        ("conflicts", "source", "add_source"),
        ("conflicts", "source", "change_source"),
    ],
    EDITORS: [
        *[
            ("conflicts", model, f"{action}_{model}")
            for model in ("actor", "claim")
            for action in ("add", "change", "delete", "publish")
        ],
        *[("conflicts", "source", f"{a}_source") for a in ("add", "change", "delete")],
        *[("newsroom", "author", f"{a}_author") for a in ("add", "change", "delete")],
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
    ],
}

PAGE_PERMISSIONS = {
    REPORTERS: ["add_page", "change_page"],
    FACT_CHECKERS: ["change_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
