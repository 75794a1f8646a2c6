from home.blocks import BodyStreamBlock


def stream_value(raw_blocks, pages_by_slug=None):
    """Turn the data file's block list into a StreamField value in Wagtail's own stored format."""
    stream_block = BodyStreamBlock()
    raw = []
    for item in raw_blocks:
        item = dict(item)
        block_type = item.pop("type")
        if block_type == "paragraph":
            value = item["value"]
        elif block_type == "call_to_action":
            page = pages_by_slug[item.pop("page")]
            value = {
                "heading": item["heading"],
                "text": item.get("text", ""),
                "link": {"page": page.pk, "url": "", "label": item["label"]},
            }
        else:
            value = item
        raw.append({"type": block_type, "value": value})
    value = stream_block.to_python(raw)
    # Bind every block so that list blocks are saved in block format, the one wagtail-localize reads.
    for _child in value:
        pass
    return stream_block.get_prep_value(value)
