"""StreamField blocks for guides: free-form editorial bodies built from a few pieces."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("titolo"), max_length=120)

    class Meta:
        icon = "title"
        label = _("Titolo di sezione")
        template = "components/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("immagine"))
    alt_text = blocks.CharBlock(
        label=_("testo alternativo"),
        max_length=200,
        help_text=_("Cosa mostra l'immagine, per chi non la vede."),
    )
    caption = blocks.CharBlock(label=_("didascalia"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Immagine")
        template = "components/blocks/image.html"

    def get_api_representation(self, value, context=None):
        """The image as a ready-to-use rendition URL, not just an id to look up."""
        image = value.get("image")
        rendition = image.get_rendition("max-1200x800") if image else None
        return {
            "image": image.pk if image else None,
            "alt_text": value.get("alt_text"),
            "caption": value.get("caption"),
            "rendition": {
                "url": rendition.url,
                "width": rendition.width,
                "height": rendition.height,
            }
            if rendition
            else None,
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("tipo"),
        choices=[("info", _("Informazione")), ("warning", _("Attenzione"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("titolo"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("testo"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        label = _("Riquadro in evidenza")
        template = "components/blocks/callout.html"


class StepsBlock(blocks.StructBlock):
    steps = blocks.ListBlock(
        blocks.CharBlock(label=_("passo"), max_length=300), label=_("passi"), min_num=1
    )

    class Meta:
        icon = "list-ol"
        label = _("Passi numerati")
        template = "components/blocks/steps.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("domanda"), max_length=200)
    answer = blocks.RichTextBlock(label=_("risposta"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        label = _("Domanda e risposta")
        template = "components/blocks/question_answer.html"


class GuideBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragrafo"), features=["bold", "italic", "link", "ol", "ul"], icon="pilcrow"
    )
    image = ImageBlock()
    callout = CalloutBlock()
    steps = StepsBlock()
    question_answer = QuestionAnswerBlock()
