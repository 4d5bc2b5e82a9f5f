"""The French and Arabic catalogues of printed words (words.py has the English one and the rules).

Each has exactly the English catalogue's keys (a test checks). French follows the usage of
OCHA's French products: a no-break space before '%' and ':' and inside « », '1er' for the
first of a month, CLDR's narrow no-break space between thousands. Arabic follows UN usage
for Syria: Western digits grouped by commas with no direction marks ('20,000', '5%'), and
each month by its Syrian and its standard name ('25 آب/أغسطس 2017').
"""
from __future__ import annotations

NBSP = "\u00a0"

FRENCH = {
    "date": "d MMMM y",                       # 25 août 2017
    "first_day": "1er",                       # 1er août 2017
    "month_names": None,
    "number_symbols": None,                   # CLDR's: 20 000 (U+202F), 2,5
    "percent": "{number}" + NBSP + "%",       # 4 %
    "with_unit": "{number}" + NBSP + "{unit}",
    "qualified": "{qualifier} {number}",      # au moins 220
    "qualifiers": {
        "at_least": "au moins", "more_than": "plus de", "over": "plus de",
        "up_to": "jusqu\u2019à", "less_than": "moins de", "fewer_than": "moins de",
        "under": "moins de", "nearly": "près de", "almost": "presque",
        "about": "environ", "around": "environ", "approximately": "environ",
    },
    "quoted": "«" + NBSP + "{text}" + NBSP + "»",
    "list": ", ",
    "as_of": "Chiffres au {date}",
    "sources": "Sources",
    "produced": "Établi",
    "produced_on": "Établi le {date}",
    "produced_from": "{produced} à partir de {spec}",
    "contact": "Contact" + NBSP + ": {contact}",
    "subject": "Fiche d\u2019information humanitaire",
    "logo_alt": "Logo de {organisation}",
    "header_table": "En-tête de la fiche",
    "header_table_about": "Tableau de mise en page : le bandeau du haut, avec le titre de la fiche",
    "header_table_about_logo": ("Tableau de mise en page : le bandeau du haut, avec le titre de "
                                "la fiche et le logo"),
    "figures_table_about": ("Chiffres clés, un par cellule : chaque chiffre et ce qu\u2019il "
                            "dénombre ; pas de ligne d\u2019en-tête"),
    "columns_table": "Texte de la fiche",
    "columns_table_about": ("Tableau de mise en page : les sections de la fiche sur deux "
                            "colonnes, celle de gauche se lit en premier"),
    "cite_source": "source {number}",
    "sources_page": "Sources et passages à l\u2019appui de chaque chiffre",
    "audit_title": "Sources de la fiche «" + NBSP + "{title}" + NBSP + "»",
    "audit_download": "Fiche d\u2019information ({format})",
    "audit_intro": ("Chaque chiffre de la fiche, le passage dont il est tiré (cité mot pour mot) "
                    "et la copie archivée de l\u2019article où figure ce passage, avec son "
                    "empreinte SHA-256, pour que chacun puisse vérifier que la copie n\u2019a pas "
                    "été modifiée."),
    "key_figures": "Chiffres clés",
    "key_figure": "Chiffre clé",
    "other_figures": "Autres chiffres",
    "cited_figures": "Chiffres des phrases qui citent une source",
    "built_from": "Établie à partir de {spec}{on} par factsheet.",
    "built_on": " le {date}",
    "fact_id": "Identifiant",
    "date_label": "Date",
    "not_given": "non précisée",
    "stated_by": "Selon",
    "note": "Remarque" + NBSP + ":",
    "unknown_source": "Source inconnue {id}",
    "publisher": "Éditeur",
    "published": "Publication",
    "url": "URL",
    "none_given": "aucune",
    "archive": "Archive",
    "sha256": "SHA-256",
    "archive_missing": "fichier d\u2019archive introuvable",
    "number_heading": "N°",
    "source_heading": "Source",
    "archive_sha256": "SHA-256 de l\u2019archive",
}

ARABIC = {
    "date": "d MMMM y",                       # 25 آب/أغسطس 2017
    "first_day": None,
    "month_names": ("ar_SY", "ar"),           # آب (Syria, Levant) / أغسطس (Egypt, Gulf)
    # Western digits, comma between thousands, and a plain minus: CLDR's Arabic minus
    # carries a U+200E, which a sheet never prints
    "number_symbols": {",": ",", ".": ".", "-": "-"},
    "percent": "{number}%",                   # 5%
    "with_unit": "{number} {unit}",
    "qualified": "{qualifier} {number}",      # ما لا يقل عن 220
    "qualifiers": {
        "at_least": "ما لا يقل عن", "more_than": "أكثر من", "over": "أكثر من",
        "up_to": "ما يصل إلى", "less_than": "أقل من", "fewer_than": "أقل من",
        "under": "أقل من", "nearly": "قرابة", "almost": "قرابة",
        "about": "نحو", "around": "حوالي", "approximately": "حوالي",
    },
    "quoted": "«{text}»",
    "list": "، ",
    "as_of": "الأرقام حتى {date}",
    "sources": "المصادر",
    "produced": "أعدت",
    "produced_on": "أعدت في {date}",
    "produced_from": "{produced} من الملف {spec}",
    "contact": "للتواصل: {contact}",
    "subject": "صحيفة وقائع إنسانية",
    "logo_alt": "شعار {organisation}",
    "header_table": "ترويسة الصحيفة",
    "header_table_about": "جدول تنسيق: الشريط العلوي وفيه عنوان الصحيفة",
    "header_table_about_logo": "جدول تنسيق: الشريط العلوي وفيه عنوان الصحيفة والشعار",
    "figures_table_about": "الأرقام الرئيسية، رقم في كل خلية: الرقم وما يشير إليه؛ بلا صف عناوين",
    "columns_table": "نص الصحيفة",
    "columns_table_about": "جدول تنسيق: أقسام الصحيفة في عمودين، يقرأ الأيمن منهما أولا",
    "cite_source": "المصدر {number}",
    "sources_page": "المصادر والمقاطع التي يستند إليها كل رقم",
    "audit_title": "مصادر «{title}»",
    "audit_download": "صحيفة الوقائع ({format})",
    "audit_intro": ("كل رقم في الصحيفة، والمقطع الذي أخذ منه بنصه الحرفي، والنسخة المؤرشفة من "
                    "المقال الذي ورد فيه هذا المقطع، مع بصمتها SHA-256 ليتمكن أي شخص من التحقق "
                    "من أن النسخة لم تتغير."),
    "key_figures": "الأرقام الرئيسية",
    "key_figure": "رقم رئيسي",
    "other_figures": "أرقام أخرى",
    "cited_figures": "أرقام في جمل مسندة إلى مصادر",
    "built_from": "أعدت من {spec}{on} بواسطة factsheet.",
    "built_on": " في {date}",
    "fact_id": "معرف الرقم",
    "date_label": "التاريخ",
    "not_given": "غير مذكور",
    "stated_by": "بحسب",
    "note": "ملاحظة:",
    "unknown_source": "مصدر غير معروف {id}",
    "publisher": "الناشر",
    "published": "تاريخ النشر",
    "url": "الرابط",
    "none_given": "لا يوجد",
    "archive": "الأرشيف",
    "sha256": "SHA-256",
    "archive_missing": "ملف الأرشيف غير موجود",
    "number_heading": "الرقم",
    "source_heading": "المصدر",
    "archive_sha256": "بصمة SHA-256 للأرشيف",
}
