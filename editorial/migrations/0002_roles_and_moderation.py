"""The roles and the moderation workflow of a fresh install (editorial.roles says what each may do).

Wagtail's own "Editors" and "Moderators" groups hold their rights on the root of the tree, which
reaches both museums; their grants are removed and the groups deleted when nobody is in them.
Rights on each site's pages and collection are granted per site (editorial.roles.grant_site).
"""

from django.db import migrations

from editorial import roles


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for name in ("Editors", "Moderators"):
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        if not group.user_set.exists():
            group.delete()
    roles.ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("museums", "0005_agreements_and_workflows"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
