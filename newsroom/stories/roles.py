"""The newsroom's roles, as Wagtail groups: who may draft, fact-check and publish.

Used by the data migrations that create the groups and their image collection, by the
desk dashboard (newsroom/stories/desk.py), and by tests that check each role.
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
    ],
}

# Wagtail reads image permissions per collection only (GroupCollectionPermission), never
# from a group's model permissions: each role's rights on the newsroom's image collection,
# made by migration 0013. Reporters upload and choose; fact-checkers, who edit stories,
# choose; editors also change any image there.
IMAGE_COLLECTION = "Newsroom images"
IMAGE_PERMISSIONS = {
    REPORTERS: ["add_image", "choose_image"],
    FACT_CHECKERS: ["choose_image"],
    EDITORS: ["add_image", "change_image", "choose_image"],
}

PAGE_PERMISSIONS = {
    REPORTERS: ["add_page", "change_page"],
    FACT_CHECKERS: ["change_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
