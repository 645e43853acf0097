"""Model fields the catalogue and funding share."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    """A set of codes from a fixed vocabulary, stored as a sorted JSON list.

    Edited as checkboxes; filter with `catalogue.rules.codes_condition`, which works on
    SQLite and PostgreSQL alike.
    """

    def __init__(self, *args, choices_class=None, **kwargs):
        self.choices_class = choices_class
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_class"] = self.choices_class
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = set(self.choices_class.values)
        unknown = [code for code in value or [] if code not in known]
        if unknown:
            raise ValidationError(
                _("Valore non previsto: %(value)s.") % {"value": ", ".join(map(str, unknown))},
                code="invalid_choice",
            )

    def get_prep_value(self, value):
        if isinstance(value, (list, tuple, set)):
            value = sorted({str(code) for code in value})
        return super().get_prep_value(value)

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.choices_class.choices,
            "required": not self.blank,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for key in ("encoder", "decoder", "max_length"):
            defaults.pop(key, None)
        return form_class(
            label=defaults.pop("label", capfirst(self.verbose_name)),
            help_text=defaults.pop("help_text", self.help_text),
            **{k: v for k, v in defaults.items() if k in ("choices", "required", "widget")},
        )
