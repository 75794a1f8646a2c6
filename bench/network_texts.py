"""The generated network's texts in English, Kazakh and Russian (``bench/generate.py``).

Every text is an (en, kk, ru) triple and records pick triples by index, so each language version of a
record says the same thing in its own language, as a translator's version would; the Kazakh and
Russian words are real ones, so that the site search (stemmed in Russian, lower-cased in Kazakh)
finds them as it would find an editor's.
"""

import uuid

from django.conf import settings

SOURCE = settings.SOURCE_LANGUAGE_CODE
LANGUAGES = [SOURCE] + [code for code, _name in settings.LANGUAGES if code != SOURCE]

THEMES = [
    ("Gold of the Steppe", "Дала алтыны", "Золото степи"),
    ("Heritage of the Nomads", "Көшпенділер мұрасы", "Наследие кочевников"),
    ("The Great Silk Road", "Ұлы Жібек жолы", "Великий шёлковый путь"),
    ("Felt and Wool", "Киіз бен жүн", "Войлок и шерсть"),
    ("Ancient Turkic Inscriptions", "Көне түркі жазулары", "Древнетюркские надписи"),
    ("Saka Warriors", "Сақ жауынгерлері", "Сакские воины"),
    ("Kazakh Jewellery", "Қазақ зергерлік өнері", "Казахское ювелирное искусство"),
    ("Instruments of the Steppe", "Даланың музыкалық аспаптары", "Музыкальные инструменты степи"),
    ("The Archaeology of Otrar", "Отырар археологиясы", "Археология Отрара"),
    ("Modern Art of Kazakhstan", "Қазақстанның заманауи өнері", "Современное искусство Казахстана"),
    ("Manuscripts and Rare Books", "Қолжазбалар мен сирек кітаптар", "Рукописи и редкие книги"),
    ("Costume and Embroidery", "Киім мен кесте", "Костюм и вышивка"),
]
KIND_WORDS = {
    "exhibition": ("Exhibition", "Көрме", "Выставка"),
    "conference": ("Conference", "Конференция", "Конференция"),
    "fair": ("Crafts fair", "Қолөнер жәрмеңкесі", "Ярмарка ремёсел"),
}
SENTENCES = [
    (
        "The exhibition brings together objects from the museum's collection and from its partners.",
        "Көрмеге музей қорынан және серіктестерінен алынған жәдігерлер қойылған.",
        "Выставка объединяет предметы из собрания музея и его партнёров.",
    ),
    (
        "Visitors will see archaeological finds, manuscripts and works of applied art.",
        "Келушілер археологиялық олжаларды, қолжазбаларды және қолданбалы өнер туындыларын көреді.",
        "Посетители увидят археологические находки, рукописи и произведения прикладного искусства.",
    ),
    (
        "The programme includes guided tours, lectures and workshops for families.",
        "Бағдарламаға экскурсиялар, дәрістер және отбасыларға арналған шеберлік сабақтары кіреді.",
        "В программе экскурсии, лекции и мастер-классы для всей семьи.",
    ),
    (
        "Researchers from several countries take part in the project.",
        "Жобаға бірнеше елдің ғалымдары қатысады.",
        "В проекте участвуют исследователи из нескольких стран.",
    ),
    (
        "The catalogue is published in Kazakh, Russian and English.",
        "Каталог қазақ, орыс және ағылшын тілдерінде жарияланған.",
        "Каталог издан на казахском, русском и английском языках.",
    ),
]
NEWS_HEADLINES = [
    ("New acquisitions", "Жаңа жәдігерлер", "Новые поступления"),
    ("Expedition report", "Экспедиция есебі", "Отчёт экспедиции"),
    ("Museum night", "Музейлер түні", "Ночь музеев"),
    ("Restoration completed", "Қалпына келтіру аяқталды", "Реставрация завершена"),
    ("International visit", "Халықаралық сапар", "Международный визит"),
]
SESSIONS = [
    ("Opening session", "Ашылу отырысы", "Открытие"),
    ("Panel discussion", "Панельдік талқылау", "Панельная дискуссия"),
    ("Reports", "Баяндамалар", "Доклады"),
    ("Closing session", "Жабылу отырысы", "Закрытие"),
]
CRAFTS = [
    ("Felt making", "Киіз басу", "Валяние войлока"),
    ("Jewellery", "Зергерлік", "Ювелирное дело"),
    ("Woodcarving", "Ағаш ою", "Резьба по дереву"),
    ("Embroidery", "Кесте тігу", "Вышивка"),
    ("Leatherwork", "Былғары өңдеу", "Обработка кожи"),
]
# (partner kind, en, kk, ru): the kind of institution and how its name reads.
PARTNER_KINDS = [
    ("museum", "History Museum", "тарих музейі", "Исторический музей"),
    ("university", "State University", "мемлекеттік университеті", "Государственный университет"),
    ("research_institute", "Institute of Archaeology", "археология институты", "Институт археологии"),
    ("library_archive", "City Archive", "қалалық мұрағаты", "Городской архив"),
    ("cultural_centre", "Cultural Centre", "мәдениет орталығы", "Культурный центр"),
    ("foundation", "Heritage Foundation", "мұра қоры", "Фонд наследия"),
]
# (country, en, kk, ru, latitude, longitude)
CITIES = [
    ("KZ", "Astana", "Астана", "Астана", 51.17, 71.45),
    ("KZ", "Almaty", "Алматы", "Алматы", 43.24, 76.89),
    ("KZ", "Turkistan", "Түркістан", "Туркестан", 43.30, 68.25),
    ("TR", "Istanbul", "Стамбұл", "Стамбул", 41.01, 28.98),
    ("RU", "Moscow", "Мәскеу", "Москва", 55.76, 37.62),
    ("CN", "Beijing", "Бейжің", "Пекин", 39.90, 116.40),
    ("FR", "Paris", "Париж", "Париж", 48.86, 2.35),
    ("DE", "Berlin", "Берлин", "Берлин", 52.52, 13.40),
    ("UZ", "Tashkent", "Ташкент", "Ташкент", 41.30, 69.24),
    ("KG", "Bishkek", "Бішкек", "Бишкек", 42.87, 74.59),
    ("KR", "Seoul", "Сеул", "Сеул", 37.57, 126.98),
    ("JP", "Tokyo", "Токио", "Токио", 35.68, 139.69),
    ("IT", "Rome", "Рим", "Рим", 41.90, 12.50),
    ("PL", "Warsaw", "Варшава", "Варшава", 52.23, 21.01),
    ("AZ", "Baku", "Баку", "Баку", 40.41, 49.87),
    ("MN", "Ulaanbaatar", "Ұланбатыр", "Улан-Батор", 47.89, 106.91),
    ("GB", "London", "Лондон", "Лондон", 51.51, -0.13),
    ("BY", "Minsk", "Минск", "Минск", 53.90, 27.56),
    ("HU", "Budapest", "Будапешт", "Будапешт", 47.50, 19.04),
    ("EG", "Cairo", "Каир", "Каир", 30.04, 31.24),
]
IMAGE_CREDIT = (
    "Generated image (benchmark)",
    "Жасалған сурет (бенчмарк)",
    "Созданное изображение (бенчмарк)",
)
CURATORS = ("A. Nurlanova, B. Seitkali", "А. Нұрланова, Б. Сейітқали", "А. Нурланова, Б. Сеиткали")
PRICE = ("2,000 tenge; students 1,000", "2 000 теңге; студенттерге 1 000", "2 000 тенге; студентам 1 000")
AUDIENCE = ("families, researchers", "отбасылар, зерттеушілер", "семьи, исследователи")
ROOM = ("Main hall", "Үлкен зал", "Большой зал")


def say(texts, language):
    """The ``language`` version of an (en, kk, ru) triple."""
    return texts[LANGUAGES.index(language)] if language in LANGUAGES else texts[0]


def numbered(text, number, language):
    """``text`` with the record's number (from 1), as each language writes it."""
    return f"{text} No. {number + 1}" if language == "en" else f"{text} №{number + 1}"


def paragraphs(rng, count, block_ids):
    """Raw StreamField paragraphs per language, the same sentences and block ids in each."""
    chosen = [rng.randrange(len(SENTENCES)) for _ in range(count)]
    return {
        language: [
            {"type": "paragraph", "value": f"<p>{say(SENTENCES[index], language)}</p>", "id": block_id}
            for index, block_id in zip(chosen, block_ids, strict=True)
        ]
        for language in LANGUAGES
    }


def ids(count):
    """New StreamField block ids (or translation keys), shared by a record's language versions."""
    return [str(uuid.uuid4()) for _ in range(count)]
