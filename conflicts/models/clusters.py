"""What modelcluster costs, cut: building rows read from the database, and loading a
revision's foreign keys one query at a time."""

from collections import defaultdict

from django.db import models
from modelcluster.models import ClusterableModel, get_all_child_relations


class ReadFastClusterableModel(ClusterableModel):
    """A ClusterableModel whose rows read from the database skip modelcluster's constructor.

    modelcluster scans every field of the model for child relations on each new instance, to
    take child rows passed as keyword arguments (`Actor(affiliations=[...])`). A row read
    from the database (`Model.from_db`) comes as positional values and never carries any,
    yet paid the scan: ~0.1 ms per instance, and a partner list of 50 stories built with
    its caches cold reads ~1,700 actors, claims and timeline events (bench/RESULTS.md,
    session 9). Instances built with keyword arguments go through modelcluster unchanged.
    """

    class Meta:
        abstract = True

    def __init__(self, *args, **kwargs):
        if kwargs:
            super().__init__(*args, **kwargs)
        else:
            models.Model.__init__(self, *args)


class RevisionFKsInBulkMixin:
    """Loads a revision (publishing it, or opening it in the editor) with one query per
    related model to check its foreign keys, not one per key.

    modelcluster checks that every foreign key in a revision still exists with one query per
    key: a story with 50 links paid ~100 queries (each link's page and actor or claim) and a
    third of its publish time. This checks the same keys, of the page and of its child rows
    (and theirs: comments' replies), grouped by model; applies modelcluster's rules to the
    missing ones (a child row whose target is gone is dropped, a nullable key set null...);
    then lets modelcluster build the objects without checking again.
    """

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        if check_fks:
            data = checked_foreign_keys(cls, data, strict_fks)
            if data is None:
                return None
        return super().from_serializable_data(data, check_fks=False, strict_fks=strict_fks)


def checked_foreign_keys(model, data: dict, strict_fks: bool) -> dict | None:
    """`data` with modelcluster's rules applied to keys whose target no longer exists, or None
    when the object itself must go (a missing CASCADE target with `strict_fks`)."""
    wanted = defaultdict(set)
    for row_model, row in _rows(model, data):
        for field in _foreign_keys(row_model):
            if row.get(field.name) is not None:
                target_model, to_field, value = _target(field, row[field.name])
                wanted[target_model, to_field].add(value)
    existing = {
        (target_model, to_field): set(
            target_model._default_manager.filter(**{f"{to_field}__in": values})
            .order_by()
            .values_list(to_field, flat=True)
        )
        for (target_model, to_field), values in wanted.items()
    }
    return _apply_rules(model, data, strict_fks, existing)


def _rows(model, row):
    """(model, data) of a row and of its child rows, theirs too, as a revision holds them."""
    yield model, row
    for rel in get_all_child_relations(model):
        for child in row.get(rel.get_accessor_name()) or []:
            yield from _rows(rel.related_model, child)


def _foreign_keys(model):
    """The many-to-one fields of a model that a revision holds (not the reverse ones)."""
    for field in model._meta.concrete_fields:
        if field.remote_field and isinstance(field.remote_field, models.ManyToOneRel):
            yield field


def _target(field, value):
    """(model, field name, clean value) that a key points to, as modelcluster looks it up."""
    to_field = field.remote_field.field_name
    target_model = field.remote_field.model
    return target_model, to_field, target_model._meta.get_field(to_field).to_python(value)


def _apply_rules(model, row: dict, strict: bool, existing: dict) -> dict | None:
    """modelcluster's rules for a key whose target is gone, on a row and its child rows."""
    row = dict(row)
    for field in _foreign_keys(model):
        if row.get(field.name) is None:
            continue
        target_model, to_field, value = _target(field, row[field.name])
        on_delete = field.remote_field.on_delete
        if value in existing[target_model, to_field] or on_delete == models.DO_NOTHING:
            continue
        if on_delete == models.CASCADE and strict:
            return None
        if on_delete not in (models.CASCADE, models.SET_NULL):
            raise Exception(  # modelcluster's own words, for the same case
                "can't currently handle on_delete types other than CASCADE, SET_NULL and DO_NOTHING"
            )
        row[field.name] = None
    for rel in get_all_child_relations(model):
        name = rel.get_accessor_name()
        if row.get(name):
            kept = (_apply_rules(rel.related_model, child, True, existing) for child in row[name])
            row[name] = [child for child in kept if child is not None]
    return row
