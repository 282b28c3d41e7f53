"""Small guide files for the tests: a valid English guide, its resources and a Spanish
translation, written into a test's own folder (``load_guide(folder=...)``), so each rule of the
files can be broken one at a time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 21)

RESOURCES = """\
# Help lines (a comment, as the real file has)

[[resource]]
id = "ccri-helpline"
name = "CCRI Crisis Helpline"
purpose = "Free, confidential help when intimate images are shared without consent."
who = "Anyone whose images were shared."
country = "US"
phone = [ { number = "844-878-2274", label = "844-878-CCRI" } ]
url = "https://cybercivilrights.org"
hours = "24 hours a day, 7 days a week"
last_checked = "2026-11"
source = "CCRI FAQ"

[[resource]]
id = "lifeline-988"
name = "988 Suicide & Crisis Lifeline"
purpose = "Someone to talk to in a crisis."
who = "Anyone in the United States."
country = "US"
phone = [ { number = "988" } ]
text = [ { number = "988", label = "" } ]
last_checked = "2026-11-03"

[[resource]]
id = "uk-helpline"
name = "Revenge Porn Helpline"
purpose = "Help in the United Kingdom."
who = "Adults in the UK."
country = "GB"
url = "https://revengepornhelpline.org.uk"
last_checked = "2026-11"

[[resource]]
id = "stopncii"
name = "StopNCII.org"
purpose = "Stops an image spreading on the platforms that take part."
who = "Adults, anywhere."
country = "WORLD"
url = "https://stopncii.org"
last_checked = "2026-11"
"""

GUIDE_EN = '''\
language = "en"
title = "What to do if your image is shared"
intro = "Take your time."

[[step]]
id = "safety"
title = "Safety first"
summary = "If you are in danger, and if this device may be watched."
text = """
If you are in danger right now,
call 911.

- Use a safer device if you can.
- Quick exit hides the window.
"""

[[step.part]]
heading = "Help right now"
resources = ["lifeline-988"]

[[step]]
id = "document"
title = "Keep a record"
summary = "What to capture."
text = "Capture as soon as you can."

[[step.part]]
text = "Each capture should show the date."
actions = [
    { do = "add-files", label = "Add a screenshot" },
    { do = "add-takedown", label = "Add to takedown tracker", method = "stopncii" },
    { do = "open-report", label = "Open the summary", missing = "Not in this version yet." },
]
checklist = [
    { id = "date-visible", text = "The date and time show" },
    { id = "full-url", text = "The full web address shows" },
]

[[step.part]]
checklist = [ { id = "kept-originals", text = "The originals are kept as they are" } ]

[[step]]
id = "support"
title = "Get support"
summary = "People who can help."
text = "You do not have to do this alone."

[[step.part]]
resources = ["ccri-helpline", "uk-helpline", "stopncii", "ccri-helpline"]
'''

GUIDE_ES = """\
language = "es"
title = "Qué hacer si comparten tu imagen"

[[step]]
id = "safety"
title = "Primero, tu seguridad"
summary = "Si estás en peligro."
text = "Si estás en peligro ahora, llama al 911."

[[step]]
id = "document"
title = "Guarda un registro"
summary = "Qué capturar."
text = "Captura lo antes posible."

[[step.part]]
actions = [ { do = "add-files", label = "Añadir una captura" } ]

[[step]]
id = "support"
title = "Busca apoyo"
summary = "Personas que pueden ayudar."
text = "No tienes que hacerlo sola."

[[step.part]]
resources = ["ccri-helpline"]

[resource.ccri-helpline]
name = "Línea de ayuda de CCRI"
purpose = "Ayuda gratuita y confidencial."
who = "Cualquier persona."
hours = "Las 24 horas"
"""

FILES = {"resources.toml": RESOURCES, "guide.en.toml": GUIDE_EN}


def write_guide(folder: Path, **texts: str | bytes | None) -> Path:
    """Write the sample files into ``folder``; ``resources=``, ``en=``, ``es=`` replace one
    (None leaves it out). Spanish is written only when given."""
    folder.mkdir(parents=True, exist_ok=True)
    chosen: dict[str, str | bytes | None] = {
        "resources.toml": texts.pop("resources", RESOURCES),
        "guide.en.toml": texts.pop("en", GUIDE_EN),
        "guide.es.toml": texts.pop("es", None),
    }
    assert not texts, texts
    for name, text in chosen.items():
        path = folder / name
        if text is None:
            path.unlink(missing_ok=True)
        elif isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
    return folder


def changed(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must be there) replaced by ``new``."""
    assert old in text, old
    return text.replace(old, new, 1)
