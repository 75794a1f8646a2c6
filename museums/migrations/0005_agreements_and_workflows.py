"""Agreements become a snippet of their own; museums, partners and agreements get moderation and locks.

``PartnerAgreement`` (rows inside a partner) is renamed ``Agreement`` and its parental key becomes a
plain foreign key, so the table and every row are kept: same ids, translation keys and locales, so
existing translations still belong together. The row order inside the partner goes (agreements are
listed by date now). An agreement is live when its partner was: what visitors could see stays
visible, and the agreements of a draft partner translation stay drafts.

WorkflowMixin adds no column; LockableMixin adds ``locked``, ``locked_at`` and ``locked_by``.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

LOCK_FIELDS = [
    ("locked", lambda: models.BooleanField(default=False, editable=False, verbose_name="locked")),
    ("locked_at", lambda: models.DateTimeField(editable=False, null=True, verbose_name="locked at")),
    (
        "locked_by",
        lambda: models.ForeignKey(
            blank=True,
            editable=False,
            null=True,
            on_delete=django.db.models.deletion.SET_NULL,
            related_name="locked_%(class)ss",
            to=settings.AUTH_USER_MODEL,
            verbose_name="locked by",
        ),
    ),
]

DRAFT_STATE_FIELDS = [
    ("live", models.BooleanField(default=True, editable=False, verbose_name="live")),
    (
        "has_unpublished_changes",
        models.BooleanField(default=False, editable=False, verbose_name="has unpublished changes"),
    ),
    (
        "first_published_at",
        models.DateTimeField(blank=True, db_index=True, null=True, verbose_name="first published at"),
    ),
    ("last_published_at", models.DateTimeField(editable=False, null=True, verbose_name="last published at")),
    ("go_live_at", models.DateTimeField(blank=True, null=True, verbose_name="go live date/time")),
    ("expire_at", models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time")),
    ("expired", models.BooleanField(default=False, editable=False, verbose_name="expired")),
    (
        "latest_revision",
        models.ForeignKey(
            blank=True,
            editable=False,
            null=True,
            on_delete=django.db.models.deletion.SET_NULL,
            related_name="+",
            to="wagtailcore.revision",
            verbose_name="latest revision",
        ),
    ),
    (
        "live_revision",
        models.ForeignKey(
            blank=True,
            editable=False,
            null=True,
            on_delete=django.db.models.deletion.SET_NULL,
            related_name="+",
            to="wagtailcore.revision",
            verbose_name="live revision",
        ),
    ),
]


def agreements_follow_their_partners(apps, schema_editor):
    """Each agreement takes its partner's publication state (it had none of its own)."""
    Agreement = apps.get_model("museums", "Agreement")
    Partner = apps.get_model("museums", "Partner")
    partner = Partner.objects.filter(pk=OuterRef("partner_id"))
    Agreement.objects.update(
        live=Subquery(partner.values("live")[:1]),
        first_published_at=Subquery(partner.values("first_published_at")[:1]),
        last_published_at=Subquery(partner.values("last_published_at")[:1]),
    )
    # The renamed model keeps its content type (renamed with it), so its permissions get their new
    # names instead of standing beside the ones Wagtail creates for the snippet.
    Permission = apps.get_model("auth", "Permission")
    for action in ("add", "change", "delete", "view"):
        if not Permission.objects.filter(
            content_type__app_label="museums", codename=f"{action}_agreement"
        ).exists():
            Permission.objects.filter(
                content_type__app_label="museums", codename=f"{action}_partneragreement"
            ).update(codename=f"{action}_agreement", name=f"Can {action} agreement")


class Migration(migrations.Migration):
    dependencies = [
        ("museums", "0004_logo_help_text"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *[
            migrations.AddField(model_name=model, name=name, field=field())
            for model in ("museum", "partner")
            for name, field in LOCK_FIELDS
        ],
        migrations.RenameModel(old_name="PartnerAgreement", new_name="Agreement"),
        migrations.AlterModelOptions(
            name="agreement",
            options={
                "ordering": ["signed_on", "title"],
                "verbose_name": "agreement",
                "verbose_name_plural": "agreements",
            },
        ),
        migrations.RemoveField(model_name="agreement", name="sort_order"),
        migrations.AlterField(
            model_name="agreement",
            name="partner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="agreements",
                to="museums.partner",
                verbose_name="partner",
            ),
        ),
        *[
            migrations.AddField(model_name="agreement", name=name, field=field)
            for name, field in DRAFT_STATE_FIELDS
        ],
        *[
            migrations.AddField(model_name="agreement", name=name, field=field())
            for name, field in LOCK_FIELDS
        ],
        migrations.RunPython(agreements_follow_their_partners, migrations.RunPython.noop),
    ]
