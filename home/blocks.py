"""The project's one block library.

Every page with a ``body`` uses ``BodyStreamBlock``; each block has its template under
``templates/blocks/`` and the stream is rendered by looping ``{% include_block %}``. Blocks are
built only from primitives wagtail-localize can translate (it ignores Wagtail's TableBlock and
TypedTableBlock, so the table here is made of lists of text cells).
"""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

TEXT_GROUP = _("Text")
MEDIA_GROUP = _("Media")
STRUCTURE_GROUP = _("Structure")

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; its level keeps the page outline correct for screen readers."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)")), ("h4", _("Minor (h4)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        group = TEXT_GROUP
        description = _("A heading that starts a section of the page.")
        preview_value = {"text": "International relations", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with links to pages, documents and other sites."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        group = TEXT_GROUP
        description = _("One or more paragraphs of text.")
        preview_value = "<p>The museum works with museums, archives and research institutes abroad.</p>"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its alternative text, a caption and the photographer or collection credit."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(
        label=_("Credit"),
        required=False,
        max_length=200,
        help_text=_("Photographer, collection or rights holder, e.g. “Photo: NMRK archive”."),
    )

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        group = MEDIA_GROUP
        description = _("An image with caption and credit.")


class GalleryBlock(blocks.StructBlock):
    """A set of images shown as a grid, each with its alt text (or "decorative"), caption and credit."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("Images"), min_num=2)

    class Meta:
        icon = "image"
        template = "blocks/gallery_block.html"
        group = MEDIA_GROUP
        description = _("Two or more images side by side.")


class QuoteBlock(blocks.StructBlock):
    """A pull quote with the person or document it comes from."""

    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        group = TEXT_GROUP
        description = _("A quotation with its source.")
        preview_value = {
            "text": "Museums are bridges between cultures.",
            "attribution": "Museum director",
        }


class MediaEmbedBlock(blocks.StructBlock):
    """A video or other oEmbed content (YouTube, Vimeo) with a caption."""

    embed = EmbedBlock(label=_("URL of the video or media"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "media"
        template = "blocks/media_embed_block.html"
        group = MEDIA_GROUP
        description = _("A video or other embedded media.")


class DocumentLinkBlock(blocks.StructBlock):
    """A download link to a document in the library (a PDF agreement, a catalogue)."""

    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        group = MEDIA_GROUP
        description = _("A link to download a document.")


class LinkStructValue(blocks.StructValue):
    """Resolves a link to a page (in the visitor's language when translated) or to a URL."""

    @property
    def page(self):
        """The chosen page in the active language; remembered per language, not across them."""
        chosen = self.get("page")
        if chosen is None:
            return None
        localized = self.__dict__.setdefault("_localized_pages", {})
        language = translation.get_language()
        if language not in localized:
            localized[language] = chosen.specific.localized
        return localized[language]

    @property
    def href(self):
        if self.page is not None:
            return self.page.url
        return self.get("url") or ""

    @property
    def text(self):
        return self.get("label") or (self.page.title if self.page is not None else self.href)


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site or to another site; used inside other blocks."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or external URL"), required=False)
    label = blocks.CharBlock(label=_("Link text"), required=False, max_length=100)

    class Meta:
        icon = "link"
        value_class = LinkStructValue
        form_classname = "link-block"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose either a page or a URL, not both."))}
            )
        return value


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box that sends visitors somewhere: buy a ticket, read the report."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        group = STRUCTURE_GROUP
        description = _("A highlighted box with a button.")


class TableBlock(blocks.StructBlock):
    """A simple table of text cells: every cell goes to translators as its own string."""

    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    header = blocks.ListBlock(
        blocks.CharBlock(label=_("Column heading"), max_length=120),
        label=_("Column headings"),
        min_num=1,
    )
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("Cell"), required=False), label=_("Row")),
        label=_("Rows"),
        min_num=1,
    )

    class Meta:
        icon = "table"
        template = "blocks/table_block.html"
        group = STRUCTURE_GROUP
        description = _("A table with a header row.")
        preview_value = {
            "caption": "Opening hours",
            "header": ["Day", "Hours"],
            "rows": [["Tuesday to Sunday", "10:00-18:00"], ["Monday", "Closed"]],
        }


class RegistryFiguresBlock(blocks.StaticBlock):
    """The museum's partners, their countries and its written agreements, counted when the page is
    shown from the same records its partners page lists, so a figure on a page never disagrees with
    the registry (an editor writing "more than sixty" in prose would soon be wrong)."""

    class Meta:
        icon = "list-ol"
        template = "blocks/registry_figures_block.html"
        group = STRUCTURE_GROUP
        label = _("Partner figures")
        admin_text = _(
            "Shows how many partner institutions this museum has, in how many countries, and how many "
            "written agreements it has signed, counted from the partner registry."
        )
        description = _("Partner and agreement counts from the registry.")

    def get_context(self, value, parent_context=None):
        from events.models import PartnerIndexPage

        context = super().get_context(value, parent_context=parent_context)
        context["figures"] = PartnerIndexPage.figures_for(context.get("request"))
        return context


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    embed = MediaEmbedBlock()
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()
    table = TableBlock()
    registry_figures = RegistryFiguresBlock()
