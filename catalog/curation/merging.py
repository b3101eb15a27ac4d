"""Merging two records of the same person or agency into one, losing nothing.

Everything that points at the record merged away (the "loser") moves to the
record kept (the "survivor"): mentions, offices held, participations in contact
events, translations, sub-agencies. Its names become name variants of the
survivor, fields the survivor leaves blank are filled from it, and its address
is retired so that old links and citations lead to the survivor. A link that
would duplicate one the survivor has already is merged into that one rather
than breaking a uniqueness constraint.

The same code plans a merge (for the confirmation page) and carries it out,
so that what the archivist confirms is what happens. Every change enters the
history under the user who merged, with the reason "merged X into Y".

Merging a draft into a published record publishes what the draft held (its names
show on the survivor's public page), so it needs the publish right: a merger made
with ``may_publish=False`` refuses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models, transaction

from catalog.models import (
    Agency,
    AgencyName,
    NameKind,
    Person,
    PersonName,
    RetiredSlug,
    RoleEvidence,
    authorities,
)
from catalog.models.hierarchy import ancestor_ids


class MergeError(ValueError):
    """Two records that cannot be merged; the message says why."""


@dataclass
class MergePlan:
    """What a merge does, in words an archivist reads before confirming."""

    survivor: models.Model
    loser: models.Model
    moved: dict[str, list[str]] = field(default_factory=dict)
    combined: dict[str, list[str]] = field(default_factory=dict)
    new_names: list[str] = field(default_factory=list)
    filled: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def note(self, kind: str, label: str, description: str) -> None:
        getattr(self, kind).setdefault(label, []).append(description)


class Merger:
    """Merge ``loser`` into ``survivor``; ``plan()`` says what ``merge()`` will do."""

    model: type[models.Model]
    name_model: type[models.Model]
    name_owner: str
    #: Fields copied from the loser when the survivor leaves them blank.
    fillable: tuple[str, ...] = ()

    def __init__(self, survivor, loser, user=None, may_publish=True):
        if type(survivor) is not type(loser) or not isinstance(survivor, self.model):
            raise MergeError(f"Only two {self.model._meta.verbose_name_plural} can be merged.")
        if survivor.pk == loser.pk:
            raise MergeError("A record cannot be merged with itself.")
        self.survivor, self.loser, self.user = survivor, loser, user
        self.may_publish = may_publish
        self.reason = self.change_reason(survivor, loser)
        self.dry_run = True

    def change_reason(self, survivor, loser) -> str:
        """ "merged X into Y", by name if it fits the history's reason field, else by slug."""
        limit = self.model.history.model._meta.get_field("history_change_reason").max_length
        reason = f"merged “{loser}” ({loser.slug}) into “{survivor}” ({survivor.slug})"
        if len(reason) > limit:
            reason = f"merged {loser.slug} into {survivor.slug}"
        return reason if len(reason) <= limit else f"{reason[: limit - 1]}…"

    @classmethod
    def for_records(cls, survivor, loser, user=None, may_publish=True) -> Merger:
        mergers = {Person: PersonMerger, Agency: AgencyMerger}
        merger = mergers.get(type(survivor))
        if merger is None:
            raise MergeError(f"{type(survivor)._meta.verbose_name_plural} cannot be merged.")
        return merger(survivor, loser, user, may_publish)

    def plan(self) -> MergePlan:
        self.dry_run = True
        return self._run()

    def publishes_draft(self) -> bool:
        """Whether the merge would make a draft's content public."""
        return self.survivor.is_published and not self.loser.is_published

    def refusal(self) -> str:
        """Why this user may not carry out the merge, or "" if they may."""
        if self.publishes_draft() and not self.may_publish:
            return (
                f"“{self.loser}” is a draft and “{self.survivor}” is published: merging would "
                f"make the draft's names, offices and mentions public, which needs an editor. "
                f"Ask an editor to merge them, or keep the draft as the survivor."
            )
        return ""

    def merge(self) -> MergePlan:
        if refusal := self.refusal():
            raise MergeError(refusal)
        self.dry_run = False
        with transaction.atomic():
            plan = self._run()
            loser_slug = self.loser.slug
            content_type_model = type(self.survivor)
            RetiredSlug.objects.filter(
                content_type__app_label=content_type_model._meta.app_label,
                content_type__model=content_type_model._meta.model_name,
                object_id=self.loser.pk,
            ).update(object_id=self.survivor.pk)
            self._delete(self.loser)
            RetiredSlug.retire(self.survivor, loser_slug)
        return plan

    # -- what each kind of record does ------------------------------------------------

    def _run(self) -> MergePlan:
        self.result = MergePlan(self.survivor, self.loser)
        if self.loser.is_published and not self.survivor.is_published:
            self.result.warnings.append(
                f"“{self.loser}” is published but “{self.survivor}” is a draft: its old "
                "address will lead nowhere for the public until the survivor is published."
            )
        self.move_links()
        self.move_names()
        self.fill_blanks()
        return self.result

    def move_links(self) -> None:
        raise NotImplementedError

    def loser_names(self) -> list[str]:
        raise NotImplementedError

    def fill_blanks(self) -> None:
        changed = []
        for name in self.fillable:
            if not getattr(self.survivor, name) and getattr(self.loser, name):
                value = getattr(self.loser, name)
                self.result.filled[self.model._meta.get_field(name).verbose_name] = str(value)
                setattr(self.survivor, name, value)
                changed.append(name)
        if changed and not self.dry_run:
            self._save(self.survivor)

    def move_names(self) -> None:
        owner = self.name_owner
        taken = {self.survivor_label().casefold()} | {
            n.casefold()
            for n in self.name_model.objects.filter(**{owner: self.survivor}).values_list(
                "name", flat=True
            )
        }
        for variant in self.name_model.objects.filter(**{owner: self.loser}):
            if variant.name.casefold() in taken:
                self.result.note("combined", "names", variant.name)
                if not self.dry_run:
                    self._delete(variant)
                continue
            taken.add(variant.name.casefold())
            self.result.new_names.append(variant.name)
            if not self.dry_run:
                setattr(variant, owner, self.survivor)
                self._save(variant)
        label = self.loser_label()
        if label.casefold() not in taken:
            self.result.new_names.append(label)
            if not self.dry_run:
                self._save(self.former_name(label))

    # -- helpers ----------------------------------------------------------------------

    def repoint(self, label, objects, field_name, unique_with, on_duplicate=None) -> None:
        """Point each of ``objects`` at the survivor, or fold it into its duplicate.

        ``unique_with`` are the other fields of the link's uniqueness constraint; without
        them a link cannot duplicate another and always moves.
        """
        for obj in objects:
            duplicate = None
            if unique_with:
                lookup = {name: getattr(obj, name) for name in unique_with}
                lookup[field_name] = self.survivor
                duplicate = type(obj).objects.filter(**lookup).exclude(pk=obj.pk).first()
            if duplicate is not None:
                self.result.note("combined", label, str(obj))
                if not self.dry_run:
                    if on_duplicate is not None:
                        on_duplicate(obj, duplicate)
                    self._delete(obj)
            else:
                self.result.note("moved", label, str(obj))
                if not self.dry_run:
                    setattr(obj, field_name, self.survivor)
                    self._save(obj)

    def move_role_evidence(self, role, duplicate) -> None:
        for evidence in role.evidence.all():
            exists = RoleEvidence.objects.filter(
                role=duplicate,
                translation_id=evidence.translation_id,
                start=evidence.start,
                end=evidence.end,
            ).exists()
            if exists:
                self._delete(evidence)
            else:
                evidence.role = duplicate
                self._save(evidence)

    def keep_note(self, obj, duplicate) -> None:
        if obj.note and not duplicate.note:
            duplicate.note = obj.note
            self._save(duplicate)

    def _save(self, obj) -> None:
        obj._history_user = self.user
        obj._change_reason = self.reason
        obj.save()

    def _delete(self, obj) -> None:
        obj._history_user = self.user
        obj._change_reason = self.reason
        obj.delete()


class PersonMerger(Merger):
    model = Person
    name_model = PersonName
    name_owner = "person"
    fillable = ("sort_name", "life_dates", "description", *authorities.field_names("person"))

    def survivor_label(self) -> str:
        return self.survivor.preferred_name

    def loser_label(self) -> str:
        return self.loser.preferred_name

    def former_name(self, name: str):
        return PersonName(
            person=self.survivor,
            name=name,
            kind=NameKind.FORMER,
            note=f"Preferred name of the merged record “{self.loser.slug}”.",
        )

    def move_links(self) -> None:
        loser = self.loser
        self.repoint(
            "mentions",
            loser.mentions.select_related("translation"),
            "person",
            ("translation_id", "start", "end", "agency_id", "event_id"),
        )
        self.repoint(
            "offices held",
            loser.roles.select_related("agency"),
            "person",
            ("agency_id", "title", "start"),
            self.move_role_evidence,
        )
        self.repoint(
            "participations in contact events",
            loser.participations.select_related("event", "agency"),
            "person",
            ("event_id", "agency_id", "role"),
            self.keep_note,
        )
        self.repoint(
            "translations", loser.translations.select_related("document"), "translator", ()
        )


class AgencyMerger(Merger):
    model = Agency
    name_model = AgencyName
    name_owner = "agency"
    fillable = ("country", "existed", "description", *authorities.field_names("agency"))

    def survivor_label(self) -> str:
        return self.survivor.name

    def loser_label(self) -> str:
        return self.loser.name

    def former_name(self, name: str):
        return AgencyName(agency=self.survivor, name=name, kind=NameKind.FORMER)

    def move_links(self) -> None:
        loser, survivor = self.loser, self.survivor
        self.repoint(
            "mentions",
            loser.mentions.select_related("translation"),
            "agency",
            ("translation_id", "start", "end", "person_id", "event_id"),
        )
        self.repoint(
            "offices held in it",
            loser.roles.select_related("person"),
            "agency",
            ("person_id", "title", "start"),
            self.move_role_evidence,
        )
        self.repoint(
            "participations in contact events",
            loser.participations.select_related("event", "person"),
            "agency",
            ("event_id", "person_id", "role"),
            self.keep_note,
        )
        self.repoint(
            "commissioned translations",
            loser.commissioned_translations.select_related("document"),
            "commissioned_by",
            (),
        )
        # The survivor cannot become part of itself: if it was part of the loser, directly
        # or further down, it takes the loser's place in the hierarchy.
        above_survivor, _ = ancestor_ids(Agency, survivor.parent_id)
        subs = [a for a in loser.sub_agencies.all() if a.pk != survivor.pk]
        self.repoint("sub-agencies", subs, "parent", ())
        if loser.pk in above_survivor:
            parent = loser.parent if loser.parent_id != survivor.pk else None
            self.result.filled["part of"] = str(parent) if parent else "nothing"
            if not self.dry_run:
                survivor.parent = parent
                self._save(survivor)
        elif survivor.parent_id is None and loser.parent_id not in (None, survivor.pk):
            above_loser, _ = ancestor_ids(Agency, loser.parent_id)
            if survivor.pk not in above_loser:
                self.result.filled["part of"] = str(loser.parent)
                if not self.dry_run:
                    survivor.parent = loser.parent
                    self._save(survivor)
