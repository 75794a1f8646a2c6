from wagtail.contrib.forms.views import SubmissionsListView as WagtailSubmissionsListView

# A spreadsheet program runs a cell that starts with one of these as a formula (OWASP's "CSV
# injection"): "=HYPERLINK(...)" typed into a contact form would be a live link in the export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class SubmissionsListView(WagtailSubmissionsListView):
    """Wagtail's submissions listing and export, with what a visitor typed never read as a formula.

    Wagtail's XLSX export already turns a formula back into text; its CSV export writes the value as
    it came. Here a text that starts like a formula is written after an apostrophe, which spreadsheet
    programs show as the text itself. The stored submission is unchanged.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return f"'{value}"
        return value
